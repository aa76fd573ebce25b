/** An editorial page (home, explore, album/artist/mix/video pages): rows of modules, each a typed list. */
export interface PageLayout {
  id?: string;
  title?: string;
  selfLink?: string | null;
  rows: PageRow[];
}

export interface PageRow {
  modules: PageModule[];
}

/** One module of a page; `type` says what `pagedList.items` (or other fields) hold. */
export interface PageModule {
  id: string;
  type: string;
  title?: string;
  description?: string;
  preTitle?: string | null;
  width?: number;
  layout?: string | null;
  scroll?: string;
  listFormat?: string;
  showMore?: { title: string; apiPath: string } | null;
  supportsPaging?: boolean;
  quickPlay?: boolean;
  playlistStyle?: unknown;
  pagedList?: {
    limit: number;
    offset: number;
    totalNumberOfItems: number;
    items: unknown[];
    dataApiPath?: string;
  };
  [key: string]: unknown;
}
