const { parallel, src, dest } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node and credential files, so the SVGs must
// sit in dist/ the same way they sit beside the sources.
function copyIcons() {
	return src(['icons/*.svg'], { encoding: false }).pipe(dest('dist/icons'));
}

// The codex file (categories, documentation links) lives next to the node; tsc does not copy it.
function copyCodex() {
	return src(['nodes/**/*.node.json']).pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(copyIcons, copyCodex);
