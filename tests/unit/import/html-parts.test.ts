// The parts of a saved page the importer must get right beyond its paragraphs: tables and emphasis
// written as Markdown, what the page's CSS hides, its furniture wherever it sits, a page without
// <html>/<body>, and the title chosen on evidence or asked for.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, importedMarkdown } from '../../../src/import/index.ts';
import { blocks, scratch } from './helpers.ts';

const page = (name: string, html: string) => {
  const path = join(scratch(), name);
  writeFileSync(path, html);
  return path;
};
const markdownOf = async (path: string, title?: string) => importedMarkdown([await importFile(path, { title })]);

const BODY = '<p>会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。</p>';

describe('a saved page: its parts', () => {
  it('a <table> becomes a GFM table (header from <th>), `|` and `*` in cells escaped', async () => {
    const md = await markdownOf(
      page(
        'table.html',
        `<html><head><meta charset="utf-8"><title>全市社会组织党建工作情况通报_某网</title></head><body><h1>全市社会组织党建工作情况通报</h1><div class="article">${BODY}<table><thead><tr><th>区</th><th>社会组织数</th><th>党组织数</th></tr></thead><tbody><tr><td>越秀区</td><td>1200</td><td>86</td></tr><tr><td>海珠区*</td><td>980</td><td>7|1</td></tr></tbody></table><p>以上数据截至2025年11月底，由各区社会组织党委报送。</p></div></body></html>`,
      ),
    );
    expect(blocks(md)).toEqual([
      '# 全市社会组织党建工作情况通报',
      '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。',
      '| 区 | 社会组织数 | 党组织数 |\n| --- | --- | --- |\n| 越秀区 | 1200 | 86 |\n| 海珠区\\* | 980 | 7\\|1 |',
      '以上数据截至2025年11月底，由各区社会组织党委报送。',
    ]);
  });

  it('a table without <th> takes its first row as the header; a layout table stays text', async () => {
    const md = await markdownOf(
      page(
        'tables.html',
        `<html><head><meta charset="utf-8"><title>学习安排_某网</title></head><body><h1>学习安排</h1><div class="article">${BODY}<table><tr><td>时间</td><td>内容</td></tr><tr><td>12月5日</td><td>集中学习</td></tr></table><table><tr><td><p>这是一个用表格排版的段落，文字很长，用来把正文放在页面中间，它不是数据表格，而是页面的版式。这样的段落在老式网站上很常见，每个单元格里都是整段的文字，读起来和其他段落一样。这一段的长度超过了一百五十个字，所以它不会被当作数据表格的单元格处理，而是像正文的其他段落一样保留下来，作为一个普通的段落写进文章里。</p></td></tr></table></div></body></html>`,
      ),
    );
    const b = blocks(md);
    expect(b[2]).toBe('| 时间 | 内容 |\n| --- | --- |\n| 12月5日 | 集中学习 |');
    expect(b[3]).toMatch(/^这是一个用表格排版的段落/);
  });

  it('<strong>/<b> inside a paragraph become **…**, <em>/<i> *…*; a wholly bold numbered line stays a heading; a literal * is escaped', async () => {
    const md = await markdownOf(
      page(
        'emphasis.html',
        `<html><head><meta charset="utf-8"><title>关于加强学习的通知_某网</title></head><body><h1>关于加强学习的通知</h1><div class="article">${BODY}<p><strong>一、加强政治引领</strong></p><p>各级党组织要做到一是<strong>强化责任落实</strong>，二是<b>完善考核机制</b>，并且<em>持之以恒</em>抓好3*4项工作。</p></div></body></html>`,
      ),
    );
    expect(blocks(md).slice(2)).toEqual(['## 一、加强政治引领', '各级党组织要做到一是**强化责任落实**，二是**完善考核机制**，并且*持之以恒*抓好3\\*4项工作。']);
  });

  it('emphasis open across a <br> (a new paragraph on a page) goes on in the next paragraph', async () => {
    const md = await markdownOf(
      page('br.html', `<html><head><meta charset="utf-8"><title>关于加强学习的通知_某网</title></head><body><h1>关于加强学习的通知</h1><div class="article">${BODY}<p><b>各级党组织要高度重视<br>认真组织学习</b>，确保取得实效。</p></div></body></html>`),
    );
    expect(blocks(md).slice(2)).toEqual(['**各级党组织要高度重视**', '**认真组织学习**，确保取得实效。']);
  });

  it('what the page CSS hides (inline, by class or id in <style>) is no text; rules for print are not', async () => {
    const md = await markdownOf(
      page(
        'hidden.html',
        `<html><head><meta charset="utf-8"><title>新年伊始的重要文章_澎湃新闻</title><style>.hide_word{display:none;} #promo { visibility: hidden } @media print { .printonly { display: none } }</style></head><body><h1>新年伊始的重要文章</h1><div class="news_txt">${BODY}<p class="printonly">会议强调，要把学习成果转化为推动工作的实际成效，确保各项部署落地见效。</p><div class="hide_word">（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）</div><p id="promo">扫码关注我们的公众号获取更多精彩内容推荐阅读</p><p style="display: none">这一段被页面自己隐藏了，读者看不见它。</p></div></body></html>`,
      ),
    );
    expect(blocks(md)).toEqual([
      '# 新年伊始的重要文章',
      '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。',
      '会议强调，要把学习成果转化为推动工作的实际成效，确保各项部署落地见效。',
    ]);
  });

  it('an article the page folds away behind 展开全文 (hidden until clicked) is still the article', async () => {
    const rest = ['会议指出，要坚持以习近平新时代中国特色社会主义思想为指导，全面加强社会组织党的建设工作。', '会议强调，各级党组织要切实履行主体责任，推动党的组织和工作有效覆盖，发挥战斗堡垒作用。', '会议要求，要加强党员教育管理，严格组织生活制度，不断提高党员队伍整体素质和工作能力。'];
    const md = await markdownOf(
      page('folded.html', `<html><head><meta charset="utf-8"><title>推进会召开_某网</title><style>.fold{display:none}</style></head><body><h1>推进会召开</h1><div class="article">${BODY}<div class="fold">${rest.map((p) => `<p>${p}</p>`).join('')}</div><a class="more">展开全文</a></div></body></html>`),
    );
    expect(blocks(md)).toEqual(['# 推进会召开', '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。', ...rest]);
  });

  it('the page’s labels, source and date lines, footers and player controls go wherever they sit', async () => {
    const lines = ['图集', '+1', '【纠错】', '来源：本站原创作者：医技药剂党支部', '时间：2019年10月31日23:00浏览：33', '联系我们 | 广告营销 | 网站地图 | 隐私政策', 'All Rights Reserved 2019', 'Play Video', '您的浏览器不支持 video 标签', '00:00 / 02:35', '关于我们 · 联系我们 · 网站地图', '（编辑 张三）', '责任编辑：尹世杰', '扫一扫在手机打开当前页'];
    const md = await markdownOf(
      page(
        'furniture.html',
        `<html><head><meta charset="utf-8"><title>会议召开-新华网</title></head><body><h1>会议召开</h1><div class="article">${lines
          .slice(0, 5)
          .map((l) => `<p>${l}</p>`)
          .join('')}${BODY}<p>时间：12月5日（星期五）下午2:30，地点：市社会组织党群服务中心。</p>${lines
          .slice(5)
          .map((l) => `<p>${l}</p>`)
          .join('')}</div></body></html>`,
      ),
    );
    expect(blocks(md)).toEqual(['# 会议召开', '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。', '时间：12月5日（星期五）下午2:30，地点：市社会组织党群服务中心。']);
  });

  it('a page saved without <html>/<body> still imports', async () => {
    const md = await markdownOf(page('fragment.html', `<meta charset="utf-8"><title>社会组织党建工作推进会召开_某网</title><h1>社会组织党建工作推进会召开</h1><div class="content">${BODY}<p>会议还对下一阶段工作作了部署，要求各区结合实际抓好贯彻落实。</p></div>`));
    expect(blocks(md)).toEqual(['# 社会组织党建工作推进会召开', '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。', '会议还对下一阶段工作作了部署，要求各区结合实际抓好贯彻落实。']);
  });

  it('the site logo is not the title; the headline the tab title names is, its suffix gone, its lines not repeated', async () => {
    const md = await markdownOf(
      page(
        'logo.html',
        `<html><head><meta charset="utf-8"><title>关于批准财政部发行特别国债的决议 - 某省人民政府门户网站</title></head><body><div class="logo"><h1>某省人民政府网站</h1></div><div class="article"><p align="center">全国人民代表大会常务委员会<br>关于批准财政部发行特别国债的决议</p><p>${'会议同意国务院提出的议案，决定批准发行特别国债，并请国务院认真组织实施。'}</p></div></body></html>`,
      ),
    );
    // The tab title names only the second line: that one line is the title, the first stays text.
    expect(blocks(md)[0]).toBe('# 关于批准财政部发行特别国债的决议');
    expect(md).not.toContain('人民政府网站');
    expect(md.match(/关于批准财政部发行特别国债的决议/g)).toHaveLength(1);
  });

  it('no title with confidence: refused with how to give one, nothing returned; --title is used', async () => {
    const path = page('untitled.html', `<html><head><meta charset="utf-8"><title>工作动态</title></head><body><div class="article"><p><b>同志们：</b></p>${BODY}<p>会议还对下一阶段工作作了部署，要求各区结合实际抓好贯彻落实。</p></div></body></html>`);
    await expect(importFile(path)).rejects.toMatchObject({ file: path, message: expect.stringContaining('--title') });
    const md = await markdownOf(path, '在全市社会组织党建工作会议上的讲话');
    // The salutation was bold on the page: it stays so, a paragraph, never the title.
    expect(blocks(md).slice(0, 2)).toEqual(['# 在全市社会组织党建工作会议上的讲话', '**同志们：**']);
  });

  it('a link back to the site at a paragraph\'s end goes, the paragraph stays; after the editor\'s line at the end nothing of the container comes', async () => {
    const md = await markdownOf(
      page(
        'tail.html',
        `<html><head><meta charset="utf-8"><title>社会组织党建工作推进会召开_某网</title></head><body><h1>社会组织党建工作推进会召开</h1><div class="article">${BODY}<p>会议强调，要把党的建设贯穿社会组织发展全过程，以高质量党建引领社会组织高质量发展。<a href="/">返回某网首页&gt;&gt;</a></p><p>责任编辑：张三</p><blockquote><p>另一篇文章的标题在这里</p><p>另一篇文章的摘要文字，讲的是别的事情，和本文没有关系，只是网站推荐的内容。</p></blockquote>,某某日报</div></body></html>`,
      ),
    );
    expect(blocks(md)).toEqual([
      '# 社会组织党建工作推进会召开',
      '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。',
      '会议强调，要把党的建设贯穿社会组织发展全过程，以高质量党建引领社会组织高质量发展。',
    ]);
  });

  it('an editor\'s line in the bar above the text does not cut the article', async () => {
    const md = await markdownOf(
      page(
        'editor-top.html',
        `<html><head><meta charset="utf-8"><title>社会组织党建工作推进会召开_某网</title></head><body><h1>社会组织党建工作推进会召开</h1><div class="article"><p>责任编辑：张三</p>${BODY}<p>会议强调，要把党的建设贯穿社会组织发展全过程，以高质量党建引领社会组织高质量发展。</p></div></body></html>`,
      ),
    );
    expect(blocks(md).slice(1)).toEqual([
      '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。',
      '会议强调，要把党的建设贯穿社会组织发展全过程，以高质量党建引领社会组织高质量发展。',
    ]);
  });

  it('a tab title and a heading that nearly agree (punctuation, a column name at one end) give the title, not a refusal', async () => {
    // The heading carries the column's name; the tab title, after its site and channel, does not.
    const md = await markdownOf(
      page(
        'near.html',
        `<html><head><meta charset="utf-8"><title>全市社会组织党建工作推进会召开-要闻-某某网</title></head><body><div class="nav"><a href="/">首页</a></div><p><b>【要闻】全市社会组织党建工作推进会召开！</b></p><div class="article">${BODY}</div></body></html>`,
      ),
    );
    expect(blocks(md)[0]).toBe('# 【要闻】全市社会组织党建工作推进会召开！');
    // The tab title alone, where the article's first line says the same: no refusal either.
    const alone = await markdownOf(
      page(
        'alone.html',
        `<html><head><meta charset="utf-8"><title>全市社会组织党建工作推进会召开 - 某某网</title></head><body><div class="article"><p>全市社会组织党建工作推进会召开</p>${BODY}</div></body></html>`,
      ),
    );
    expect(blocks(alone)[0]).toBe('# 全市社会组织党建工作推进会召开');
  });

  it('a bare numeral set between parts of a page\'s article is a section heading, not a page number', async () => {
    const md = await markdownOf(
      page(
        'parts.html',
        `<html><head><meta charset="utf-8"><title>社会组织党建工作推进会召开_某网</title></head><body><h1>社会组织党建工作推进会召开</h1><div class="article"><p>1 </p>${BODY}<p>2</p><p>会议强调，要把党的建设贯穿社会组织发展全过程，以高质量党建引领社会组织高质量发展。</p></div></body></html>`,
      ),
    );
    expect(blocks(md).slice(1)).toEqual([
      '## 1',
      '会议要求，各级党组织要抓好落实，确保各项任务按时完成，推动社会组织党建工作高质量发展。',
      '## 2',
      '会议强调，要把党的建设贯穿社会组织发展全过程，以高质量党建引领社会组织高质量发展。',
    ]);
  });
});
