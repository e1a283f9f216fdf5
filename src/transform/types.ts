import type { Parent, RootContent } from 'mdast';

/** One article: its `#` heading and everything up to the next one. */
export interface BulletinArticle extends Parent {
  type: 'bulletinArticle';
  children: RootContent[];
  data: { hName: 'article'; hProperties: { id: string; className: string[] }; title: string; index: number };
}

declare module 'mdast' {
  interface RootContentMap {
    bulletinArticle: BulletinArticle;
  }
}
