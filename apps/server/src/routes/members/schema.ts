// The request schemas of routes/members; the body is shared with the web app (packages/model).
import { z } from 'zod'
import { usernameSchema } from '@perspektiv/model'
import { documentIdSchema } from '../../http/documentAccess.js'

export { putMemberBodySchema } from '@perspektiv/model'

export const membersParamSchema = z.object({ id: documentIdSchema })
export const memberParamSchema = z.object({ id: documentIdSchema, username: usernameSchema })
