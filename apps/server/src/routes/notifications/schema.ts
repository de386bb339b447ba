// The request schemas of routes/notifications.
import { z } from 'zod'
import { NOTIFICATION_KINDS } from '@perspektiv/model'

const kindSchema = z.enum(NOTIFICATION_KINDS)
export const notificationSettingsBodySchema = z
  .object({
    /** Where e-mail goes; '' = no e-mail. */
    email: z.union([z.literal(''), z.string().trim().max(254).email('not an e-mail address')]).optional(),
    /** Per kind: e-mail on or off. */
    kinds: z.partialRecord(kindSchema, z.boolean()).optional(),
  })
  .strict()

export const markReadBodySchema = z.object({ ids: z.array(z.number().int().positive('not a notification id')).max(500).optional() }).strict()
