// The CLI as one bundle (esbuild), kept in <root>/.podnode/cli and built again when a source file
// is newer than it. Used by bin/kubectl-podnode.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

function isFresh(root, bundle, inputsFile) {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
    return inputs.every((file) => fs.statSync(path.join(root, file)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** The bundle's path, built first when missing or older than a source; null when it cannot be. */
function bundled(root) {
  const dir = path.join(root, '.podnode', 'cli');
  const bundle = path.join(dir, 'main.cjs');
  const inputsFile = path.join(dir, 'inputs.json');
  if (isFresh(root, bundle, inputsFile)) return bundle;
  try {
    const esbuild = require('esbuild');
    fs.mkdirSync(dir, { recursive: true });
    const started = new Date();
    const tmp = `${bundle}.${process.pid}.tmp`;
    const { metafile } = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: ['lib/cli/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external', // node_modules are loaded from the project, as tsx would
      tsconfig: 'tsconfig.json',
      outfile: tmp,
      metafile: true,
      logLevel: 'silent',
    });
    // stamped with the time the sources were read: one edited during the build is newer
    fs.utimesSync(tmp, started, started);
    const inputsTmp = `${inputsFile}.${process.pid}.tmp`;
    fs.writeFileSync(inputsTmp, JSON.stringify([...Object.keys(metafile.inputs), 'tsconfig.json', 'bin/kubectl-podnode', 'bin/cli-bundle.cjs']));
    fs.renameSync(inputsTmp, inputsFile);
    fs.renameSync(tmp, bundle);
    return bundle;
  } catch {
    return null;
  }
}

module.exports = { bundled };
