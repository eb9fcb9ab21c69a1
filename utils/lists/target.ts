// Which kind of page a URL of a list is: a post (the default) or an account's profile. The hook where the profile
// part's URL reader joins (the links part's `urlKind(url)`, utils/platforms/): until it does, every URL is a post, and
// the content side answers a `profile` target `unsupported` with a message (utils/lists/page/list-capture.ts).
export type ListTarget = 'post' | 'profile';

export function listTargetOf(_url: string): ListTarget {
  return 'post';
}
