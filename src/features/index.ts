import { activate as topicsTree } from './topicsTree';
import { activate as inFileView } from './inFileView';
import { activate as searchCommand } from './searchCommand';
import { activate as hover } from './hover';
import { activate as digestView } from './digestView';
import { activate as paperLinks } from './paperLinks';
import { activate as newDigest } from './newDigest';
import { activate as importTelegram } from './importTelegram';
import { activate as readingState } from './readingState';
import { activate as workspacePapers } from './workspacePapers';
import { activate as mentionControls } from './mentionControls';
import { activate as bibliography } from './bibliography';

/**
 * Every feature, in activation order. A feature reads the corpus snapshot and the settings from
 * its deps and registers its own commands, views and providers; none imports another.
 */
export const features = {
  topicsTree,
  inFileView,
  searchCommand,
  hover,
  digestView,
  paperLinks,
  newDigest,
  importTelegram,
  readingState,
  workspacePapers,
  mentionControls,
  bibliography,
};

type Features = typeof features;

/** What each feature returns, by name: features that return nothing are left out. */
export type FeatureServices = {
  readonly [K in keyof Features as ReturnType<Features[K]> extends void ? never : K]: ReturnType<Features[K]>;
};
