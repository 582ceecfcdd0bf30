import type { CorpusDoc } from './corpus-types.js';
import { AWS_EXPECTED } from './expected-aws.js';
import { DATICA_EXPECTED } from './expected-datica.js';
import { GENNER_EXPECTED } from './expected-genner.js';
import { GITLAB_EXPECTED } from './expected-gitlab.js';
import { GOVUK_EXPECTED } from './expected-govuk.js';
import { GSA_EXPECTED } from './expected-gsa.js';
import { HANDBOOKS_EXPECTED } from './expected-handbooks.js';
import { HCPH_EXPECTED } from './expected-hcph.js';
import { K8S_EXPECTED } from './expected-k8s.js';
import { LAB_MANUALS_EXPECTED } from './expected-lab-manuals.js';
import { MAINTAINERS_EXPECTED } from './expected-maintainers.js';
import { RUNBOOKS_EXPECTED } from './expected-runbooks.js';
import { TURING_EXPECTED } from './expected-turing.js';

/**
 * Expected outlines of ../shared/corpus/sopdocs-more, written by hand from each document before the
 * importer was run on it (see README.md for how they are read). Documents without an outline here
 * are still imported by the runner, which reports whether they yield any procedure.
 */
export const CORPUS_EXPECTED: CorpusDoc[] = [
  ...RUNBOOKS_EXPECTED, ...K8S_EXPECTED, ...GSA_EXPECTED, ...GOVUK_EXPECTED, ...LAB_MANUALS_EXPECTED,
  ...HCPH_EXPECTED, ...GENNER_EXPECTED, ...TURING_EXPECTED, ...HANDBOOKS_EXPECTED, ...DATICA_EXPECTED, ...GITLAB_EXPECTED,
  ...AWS_EXPECTED, ...MAINTAINERS_EXPECTED,
];
