/**
 * The app's own login (`<slug>[bot]`), to recognise the tracking issue it wrote and to
 * ignore its own edits. Asked once per process with the app's JWT (no permission needed).
 * https://docs.github.com/en/rest/apps/apps#get-the-authenticated-app
 */
import type { Probot } from 'probot';

export function botLoginResolver(app: Probot): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= app
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => `${data?.slug}[bot]`)
      .catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    return pending;
  };
}
