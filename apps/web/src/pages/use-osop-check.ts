import { useEffect, useState } from 'react';
import { createOsopChecker, type OsopCheck, type OsopChecker } from './osop-checker';

/**
 * The editor's checker (its worker stopped when the editor goes) and the newest answered check of
 * `text`: null until the first answer; an answer for an older text than the newest asked is dropped.
 */
export function useOsopCheck(text: string): { checker: OsopChecker; check: OsopCheck | null } {
  const [checker] = useState(() => createOsopChecker());
  const [check, setCheck] = useState<OsopCheck | null>(null);
  useEffect(() => () => checker.dispose(), [checker]);
  // The checker answers only the newest text (and nothing once disposed), so no answer here is stale.
  useEffect(() => {
    void checker.check(text).then((answered) => {
      if (answered !== null) setCheck(answered);
    });
  }, [checker, text]);
  return { checker, check };
}
