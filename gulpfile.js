const { src, dest } = require('gulp');

// n8n resolves `file:` icons relative to the compiled node and credential files,
// so the SVGs must sit next to them in dist/.
function copyIcons() {
	return src(['icons/*.svg'], { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = copyIcons;
