/**
 * Skip rules: decides whether a post is a paper digest. The reasons are reported to the user,
 * so each rule names what it saw.
 */

export interface PostEvidence {
  /** The post starts with an English paper title line. */
  titled: boolean;
  /** The post had a paper link marker (`👀LINK`) or an arXiv / alphaXiv link. */
  linked: boolean;
  /** The post names a paper inline (`🔗Title`). */
  citesPaper: boolean;
  /** The post was shown as a video / media we cannot see. */
  media: boolean;
}

const JOB = /ваканси|рефералк|\bhiring\b|\bjob opening|позици[яюи] в (?:команд|сфер)/i;
const INTERVIEW = /интервью|\binterview\b/i;
const VIDEO = /\byoutube\b|youtu\.be|\bвидео\b|\bvideo\b/i;
const PAPER_WORDS = /стать[яиюе]|папир|\bpaper\b|авторы|исследовател|researchers|\barxiv\b/i;

/**
 * "открылась … позици…" within one sentence (no "." or line break between), as
 * `/открылась [^.\n]*позици/i` would match, in linear time: the regex rescans the rest of the
 * sentence from every "открылась ".
 */
function opensPosition(text: string): boolean {
  for (const sentence of text.toLowerCase().split(/[.\n]/)) {
    const at = sentence.indexOf('открылась ');
    if (at >= 0 && sentence.indexOf('позици', at + 'открылась '.length) >= 0) return true;
  }
  return false;
}

/** Returns a reason to skip the post, or undefined when it is a paper digest. */
export function skipReason(title: string, text: string, ev: PostEvidence): string | undefined {
  if (JOB.test(text) || opensPosition(text)) return 'job ad';
  if (INTERVIEW.test(title)) return 'interview';
  const evidence = ev.titled || ev.linked || ev.citesPaper;
  if (evidence) return undefined;
  if (ev.media && VIDEO.test(text)) return 'video recommendation, not a paper digest';
  if (ev.media && text.length < 400) return 'meme or media post without a paper';
  if (text.length < 700) return 'announcement or short note: no paper title or link';
  if (!PAPER_WORDS.test(text)) return 'no paper referenced';
  return undefined;
}
