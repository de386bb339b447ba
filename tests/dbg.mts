import * as Y from 'yjs'
import { api, connect, connected, createDoc, execSql, rows, seedUsers, signIn, startTestServer, tempDataDir } from './reliability/support.js'
import { smallestStructsOf } from './reliability/bigState.js'
const data = tempDataDir()
await seedUsers(data.dir, ['anna'])
let s = await startTestServer(data.dir)
let anna = await signIn(s.url, 'anna')
const big = await createDoc(s.url, anna, 'x')
await s.close()
const snap = rows<{ data: Buffer }>(data.dir, "SELECT data FROM snapshots WHERE document_id = ? AND room = 'content'", big)[0]!.data
execSql(data.dir, "UPDATE snapshots SET data = ? WHERE document_id = ? AND room = 'content'", Buffer.from(Y.mergeUpdates([snap, smallestStructsOf(Number(process.argv[2]) * 1024 * 1024)])), big)
s = await startTestServer(data.dir, { log: (e, d) => console.log('LOG', e, JSON.stringify(d).slice(0, 300)) })
anna = await signIn(s.url, 'anna')
const c = connect(s.wsUrl, big, anna)
await connected(c, 60000)
console.log('synced', c.doc.getText('pile').length)
try {
  const r = await api(s.url, 'GET', `/api/documents/${big}`, { token: anna })
  console.log(r.status, JSON.stringify(r.body).slice(0, 300))
  const r2 = await api(s.url, 'GET', `/api/documents/${big}`, { token: anna })
  console.log(r2.status, JSON.stringify(r2.body).slice(0, 300))
} catch (e) { console.log('ERR', e, (e as any).cause) }
c.destroy(); await s.close(); data.remove()
