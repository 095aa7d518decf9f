// Removes build output so a renamed or deleted source never lingers in the published dist/.
const fs = require('fs');
for (const dir of ['dist']) fs.rmSync(dir, { recursive: true, force: true });
