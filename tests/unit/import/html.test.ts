// Saved news pages: the article found as reader modes find it, the page's furniture gone.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, importedMarkdown } from '../../../src/import/index.ts';
import { blocks, encodeGbk, FIXTURES, scratch } from './helpers.ts';

const markdownOf = async (file: string) => importedMarkdown([await importFile(file)]);

/** Words of the pages' furniture; none may reach the issue. */
const FURNITURE = ['首页', '时政', '分享', '微信', '责任编辑', '责编', '纠错', '相关', '热点', 'Copyright', '版权所有', '来源', '20:15', '08:21', 'SHARE_CONFIG', 'text-indent', '登录', '联系我们'];

describe('importing a saved web page', () => {
  it('a UTF-8 page (新华网 layout): h1 title, dateline kept, <strong>一、</strong> lead-ins as headings, &nbsp; indents gone', async () => {
    const md = await markdownOf(join(FIXTURES, 'xinhua.html'));
    expect(blocks(md)).toEqual([
      '# 习近平对全面依法治国工作作出重要指示',
      '新华社北京11月18日电 中共中央总书记、国家主席、中央军委主席习近平近日对全面依法治国工作作出重要指示指出，党的十八大以来，全面依法治国取得历史性成就，法治中国建设迈出坚实步伐。',
      '## 一、坚持党的领导',
      '习近平强调，新征程上，要全面贯彻新时代中国特色社会主义法治思想，坚持党的领导、人民当家作主、依法治国有机统一，坚定不移走中国特色社会主义法治道路。',
      '习近平强调，各级党委（党组）要担负主体责任，抓好法治领域重大部署、重要任务、重点工作落实。法治工作部门要带头守法、依法履职。',
      '## 二、加强法治工作队伍建设',
      '中央全面依法治国工作会议11月17日至18日在京召开。中共中央政治局常委、全国人大常委会委员长赵乐际出席会议并讲话，传达习近平重要指示。',
      '赵乐际指出，要建设更加完善的中国特色社会主义法治体系，加快形成完备的法律规范体系。',
    ]);
    for (const word of FURNITURE) expect(md).not.toContain(word);
  });

  it('a GB2312 page (人民网 layout), decoded by its own meta: byline, bare numerals, source notes and the closing note kept', async () => {
    const dir = scratch();
    const path = join(dir, 'people.htm');
    writeFileSync(path, encodeGbk(readFileSync(join(FIXTURES, 'people-gbk.html'), 'utf8')));
    const md = await markdownOf(path);
    expect(blocks(md)).toEqual([
      '# 因地制宜发展新质生产力',
      '习近平',
      '## 一',
      '要以科技创新引领产业全面振兴。要立足现有产业基础，扎实推进先进制造业高质量发展，加快推动传统制造业升级，发挥科技创新的增量器作用。',
      '（2023年9月8日在黑龙江考察时的讲话）',
      '## 二',
      // A <br> followed by an indent starts a new paragraph on the page, and so here.
      '新质生产力的显著特点是创新，既包括技术和业态模式层面的创新，也包括管理和制度层面的创新。',
      '必须继续做好创新这篇大文章，推动新质生产力加快发展。',
      '（2024年1月31日在二十届中央政治局第十一次集体学习时的讲话）',
      '※这是习近平总书记有关因地制宜发展新质生产力重要论述的节录。',
    ]);
    for (const word of FURNITURE) expect(md).not.toContain(word);
  });

  it('a page with a photo: the photo and its credit line go; paragraphs stay apart even where one ends without punctuation', async () => {
    const md = await markdownOf(join(FIXTURES, 'xinhua-photo.html'));
    expect(blocks(md)).toEqual([
      '# 习近平在广东考察时强调 全面深化改革开放 推动高质量发展',
      '新华社广州11月8日电 中共中央总书记、国家主席、中央军委主席习近平近日在广东考察时强调，广东是改革开放的排头兵、先行地、实验区。',
      '11月7日至8日，习近平在中共中央政治局委员、广东省委书记黄坤明和省长孟凡利陪同下，先后到梅州、广州考察调研。',
      '习近平指出以下几点',
      '7日下午，习近平来到位于梅州市梅县区雁洋镇的叶剑英纪念园。习近平强调，我们今天取得的伟大成就，都是建立在老一辈革命家打下的江山之上的。',
    ]);
    for (const word of [...FURNITURE, '摄', '字体', '19:32']) expect(md).not.toContain(word);
  });

  it('a GBK page a browser saved re-encoded as UTF-8 but with its old meta still reads right', async () => {
    const dir = scratch();
    const path = join(dir, 'resaved.html');
    writeFileSync(path, readFileSync(join(FIXTURES, 'people-gbk.html'), 'utf8'));
    expect(blocks(await markdownOf(path)).slice(0, 2)).toEqual(['# 因地制宜发展新质生产力', '习近平']);
  });

  it('a page without an <h1>: the title from <title> without the site, plain numbered lead-ins as headings', async () => {
    const md = await markdownOf(join(FIXTURES, 'gov-no-h1.html'));
    expect(blocks(md)).toEqual([
      '# 国务院办公厅关于进一步加强社会组织建设的意见',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '社会组织是我国社会主义现代化建设的重要力量。为进一步加强社会组织建设，经国务院同意，现提出如下意见。',
      '## 一、总体要求',
      '坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。',
      '国务院办公厅',
      '2025年11月20日',
    ]);
  });

  it('paragraphs that merely start like furniture (推荐, 分享, 编辑部) are text', async () => {
    const dir = scratch();
    const path = join(dir, 'words.html');
    const paragraphs = [
      '推荐优秀社会组织参加全市先进基层党组织评选，要坚持标准、严格程序、好中选优，确保推荐对象政治过硬。',
      '分享经验是相互学习的好办法，各区要组织交流会，推广社会组织党建工作的好做法好经验。',
      '编辑部收到读者来信后，认真核实了有关情况，并向有关部门转达了读者的意见和建议。',
    ];
    writeFileSync(path, `<html><head><meta charset="utf-8"><title>工作动态_某网</title></head><body><h1>工作动态</h1><div class="content">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`);
    expect(blocks(await markdownOf(path))).toEqual(['# 工作动态', ...paragraphs]);
  });

  it('an <h1> the <title> does not name is still the title; a picture inside a line does not cut its paragraph', async () => {
    const dir = scratch();
    const path = join(dir, 'inline.html');
    writeFileSync(path, '<html><head><meta charset="utf-8"><title>工作动态</title></head><body><h1>全市社会组织党建工作推进会召开</h1><div class="content"><p>会议要求，各级党组织要<img src="icon.gif">抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。</p><p>会议还对下一阶段工作作了部署，要求各区结合实际抓好贯彻落实。</p></div></body></html>');
    expect(blocks(await markdownOf(path))).toEqual([
      '# 全市社会组织党建工作推进会召开',
      '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。',
      '会议还对下一阶段工作作了部署，要求各区结合实际抓好贯彻落实。',
    ]);
  });

  it('a page with no article in it is refused, naming the file', async () => {
    const dir = scratch();
    const path = join(dir, 'index.html');
    writeFileSync(path, '<!doctype html><html><head><meta charset="utf-8"><title>新华网首页</title></head><body><ul class="nav"><li><a href="/1">时政</a></li><li><a href="/2">地方</a></li><li><a href="/3">国际</a></li></ul><div class="footer">Copyright © 2025 版权所有</div></body></html>');
    await expect(importFile(path)).rejects.toMatchObject({ file: path, message: expect.stringContaining('no article') });
  });
});
