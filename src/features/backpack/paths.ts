/**
 * Typed paths of the backpack's pages. Route patterns are made by the same helpers with `:id`
 * placeholders, so a link and its route cannot drift apart.
 */
export const backpackPaths = {
  backpack: '/backpack',
  /** The backpack scrolled to one badge (issued or imported). */
  badgeInBackpack: (badgePublicId: string) => `/backpack#badge-${badgePublicId}`,
  importBadge: '/backpack/import',
  exportZip: '/backpack/export.zip',
  /** Actions on a badge issued here that the earner holds. */
  issuedBadge: (credentialPublicId: string) => {
    const base = `/backpack/badges/${credentialPublicId}`;
    return {
      privacy: `${base}/privacy`,
      name: `${base}/name`,
      accept: `${base}/accept`,
      decline: `${base}/decline`,
    };
  },
  importedBadge: (importedPublicId: string) => {
    const base = `/backpack/imported/${importedPublicId}`;
    return {
      reverify: `${base}/reverify`,
      remove: `${base}/remove`,
      download: `${base}/download`,
      image: `${base}/image`,
      baked: (ext: 'png' | 'svg') => `${base}/baked.${ext}`,
    };
  },
  collections: '/backpack/collections',
  addToCollection: '/backpack/collections/add',
  collection: (collectionPublicId: string) => {
    const base = `/backpack/collections/${collectionPublicId}`;
    return {
      page: base,
      delete: `${base}/delete`,
      share: `${base}/share`,
      unshare: `${base}/unshare`,
      removeItem: (itemId: number | string) => `${base}/items/${itemId}/remove`,
      moveItem: (itemId: number | string) => `${base}/items/${itemId}/move`,
    };
  },
  /** A shared collection, for anyone with its secret link. */
  sharedCollection: (token: string) => {
    const base = `/c/${token}`;
    return {
      page: base,
      importedBadge: (importedPublicId: string) => `${base}/imported/${importedPublicId}`,
      importedImage: (importedPublicId: string) => `${base}/imported/${importedPublicId}/image`,
    };
  },
} as const;

/**
 * The public pages and files of a badge issued here (served by issuing and ob2export), as the
 * backpack links to them.
 */
export const issuedBadgeFiles = (credentialPublicId: string) => {
  const base = `/badges/${credentialPublicId}`;
  return {
    page: base,
    json: `${base}/credential.json`,
    jwt: `${base}/credential.jwt`,
    bakedPng: `${base}/baked.png`,
    bakedSvg: `${base}/baked.svg`,
    ob2BakedPng: `/ob2/assertions/${credentialPublicId}/baked.png`,
  };
};
