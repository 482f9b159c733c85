import { z } from 'zod';

export const SPEAKERS = ['agent', 'customer', 'system', 'unknown'] as const;
export const speakerSchema = z.enum(SPEAKERS);
export type Speaker = z.infer<typeof speakerSchema>;

export const turnSchema = z.object({
  index: z.number().int().nonnegative(),
  speaker: speakerSchema,
  text: z.string(),
  startMs: z.number().finite().nonnegative().optional(),
  endMs: z.number().finite().nonnegative().optional(),
});
export type Turn = z.infer<typeof turnSchema>;

export const sourceSchema = z.object({
  file: z.string(),
  record: z.number().int().nonnegative(),
  line: z.number().int().positive().optional(),
});
export type CallSource = z.infer<typeof sourceSchema>;

export const metaValueSchema = z.union([z.string(), z.number()]);

export const callSchema = z.object({
  id: z.string().min(1),
  source: sourceSchema,
  meta: z.record(z.string(), metaValueSchema),
  turns: z.array(turnSchema),
});
export type Call = z.infer<typeof callSchema>;
