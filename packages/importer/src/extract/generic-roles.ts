// Words for people in general, or for whoever a product serves, rather than for a part someone plays
// in the procedure: "the team", "people", "users", "customers", "team members", "respective teams".
const GENERIC = /^(?:(?:the|a|an|all|any|other|respective|relevant|affected|impacted|external|internal|our|your|their|its|various|several|some)\s+)*(?:teams?|team members?|members?|people|persons?|person|everyone|everybody|someone|somebody|anyone|anybody|users?|end[ -]users?|customers?|clients?|partners?|vendors?|stakeholders?|individuals?|humans?|folks?|hosts?|agents?)$/i;

/** Pure; true for a generic noun ("team", "users", "customers", "respective teams") that names no role. */
export function isGenericRole(name: string): boolean {
  return GENERIC.test(name.replace(/\*\*|__|`/g, '').trim());
}
