// The documents the app sends are exactly the files of operations/: utils/operations.js is generated from them (and
// must be regenerated when one changes), each file holds the one operation it is named after, and the app's code
// names only those operations — and uses every one of them.
const fs = require('fs')
const path = require('path')
const { render, target, operationsDir } = require('../scripts/gen-operations')

const root = path.join(__dirname, '..')

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.js') ? [full] : []
  })
}

test('utils/operations.js is the generated bundle of operations/*.graphql (run npm run gen)', () => {
  expect(fs.readFileSync(target, 'utf8')).toBe(render())
})

test('each operation file holds one operation named as the file', () => {
  const files = fs.readdirSync(operationsDir).filter(f => f.endsWith('.graphql'))
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    const text = fs.readFileSync(path.join(operationsDir, file), 'utf8')
    const operations = [...text.matchAll(/^\s*(query|mutation|subscription)\s+(\w+)/gm)].map(m => m[2])
    expect({ file, operations }).toEqual({ file, operations: [path.basename(file, '.graphql')] })
  }
})

test('the app sends only the bundled operations, and every bundled operation is sent somewhere', () => {
  const operations = Object.keys(require('../utils/operations'))
  const code = ['app.js', 'utils', 'pages']
    .flatMap(p => (p.endsWith('.js') ? [path.join(root, p)] : sourceFiles(path.join(root, p))))
    .filter(f => !f.endsWith(`${path.sep}operations.js`))
    .map(f => fs.readFileSync(f, 'utf8'))
    .join('\n')
  const used = new Set([...code.matchAll(/\b(?:call|request|subscribe)\(\s*'(\w+)'/g)].map(m => m[1]))
  expect([...used].filter(name => !operations.includes(name))).toEqual([])
  expect(operations.filter(name => !used.has(name))).toEqual([])
})
