// Validates rendered Kubernetes resources (a JSON array on stdin) against the Kubernetes OpenAPI schemas shipped in
// the npm package kubernetes-models (types, required fields, enums, formats). Custom resources (Strimzi) have no
// schema there and are reported as skipped. Usage: node schema-check.mjs <folder holding node_modules> < docs.json
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.argv[2];
const models = await import(pathToFileURL(join(modules, "node_modules", "kubernetes-models", "index.js")).href);
const docs = JSON.parse(readFileSync(0, "utf8"));

// "apps/v1" -> models.apps.v1, "v1" -> models.v1, "policy/v1" -> models.policy.v1, "a.k8s.io/v1" -> aK8sIo.v1
function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const groupKey = group === null ? null : group.replace(/\.([a-z])/g, (_, c) => c.toUpperCase());
  const versions = group === null ? models : models[groupKey];
  return versions?.[version]?.[kind];
}

let failed = 0, checked = 0;
const skipped = new Set();
for (const doc of docs) {
  const Model = modelFor(doc.apiVersion, doc.kind);
  const name = `${doc.kind}/${doc.metadata?.name}`;
  if (!Model) {
    skipped.add(`${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  checked++;
  try {
    new Model(doc).validate();
  } catch (e) {
    failed++;
    console.log(`  FAIL  ${name}: ${e.message}`);
  }
}
if (!failed) console.log(`  ok    ${checked} resources valid against the Kubernetes schemas`);
for (const s of skipped) console.log(`  skip  ${s}: no schema (custom resource), checked structurally instead`);
process.exit(failed ? 1 : 0);
