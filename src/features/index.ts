import { Feature } from './deps';
import { activate as topicsTree } from './topicsTree';
import { activate as inFileView } from './inFileView';
import { activate as searchCommand } from './searchCommand';
import { activate as hover } from './hover';
import { activate as digestView } from './digestView';
import { activate as paperLinks } from './paperLinks';
import { activate as userFolders } from './userFolders';
import { activate as newDigest } from './newDigest';
import { activate as importTelegram } from './importTelegram';
import { activate as readingState } from './readingState';
import { activate as workspacePapers } from './workspacePapers';
import { activate as mentionControls } from './mentionControls';
import { activate as bibliography } from './bibliography';

/** Every feature, in activation order. Each returns an optional service exposed to tests. */
export const features: Record<string, Feature> = {
  topicsTree,
  inFileView,
  searchCommand,
  hover,
  digestView,
  paperLinks,
  userFolders,
  newDigest,
  importTelegram,
  readingState,
  workspacePapers,
  mentionControls,
  bibliography,
};
