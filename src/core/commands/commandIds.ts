/**
 * Every command the extension registers, by id: the one list. `package.json` contributes the
 * same ids (a unit test compares them), the registry in src/features/commands.ts registers no
 * other, and the card's command links are typed by it, so a misspelt id fails to compile.
 */
export const COMMAND_IDS = [
  // The corpus and its log (extension.ts)
  'digestLens.refresh',
  'digestLens.showOutput',
  // The sidebar tree
  'digestLens.groupByTopic',
  'digestLens.groupBySource',
  'digestLens.groupByDate',
  'digestLens.sortByDate',
  'digestLens.sortByTitle',
  'digestLens.filterText',
  'digestLens.filterStarred',
  'digestLens.filterUnread',
  'digestLens.clearFilter',
  // The digest view
  'digestLens.openDigest',
  'digestLens.openDigestInNewTab',
  'digestLens.back',
  'digestLens.forward',
  // Search
  'digestLens.search',
  // Paper links
  'digestLens.openOnArxiv',
  'digestLens.openPdf',
  'digestLens.openOnAlphaxiv',
  'digestLens.copyCitation',
  'digestLens.copyArxivId',
  // Reading state
  'digestLens.markRead',
  'digestLens.markUnread',
  'digestLens.star',
  'digestLens.unstar',
  // Mentions: In This File, the card's controls, Papers in This Workspace
  'digestLens.revealMention',
  'digestLens.ignoreName',
  'digestLens.ignoreDigest',
  'digestLens.workspacePapers.refresh',
  'digestLens.workspacePapers.cancel',
  'digestLens.exportBibtex',
  // Writing digests
  'digestLens.newDigest',
  'digestLens.importTelegramExport',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
