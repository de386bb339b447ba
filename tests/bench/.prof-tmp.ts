import { fork } from 'node:child_process'
const dir = '/tmp/sharing-prof/data'
const p = fork('tests/bench/listSeed.ts', [JSON.stringify({ dataDir: dir, docs: 5000 })], { execArgv: ['--import', 'tsx'] })
p.on('message', (m) => { console.log(JSON.stringify(m)); process.exit(0) })
