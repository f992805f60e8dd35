// The re-check schedule as a table: (seconds since the attempt was created,
// checks already made) → delay before the next check, or 'expire'.
import { describe, expect, it } from 'vitest'
import { clampQueueDelay, nextCheckDelay, QUEUE_MAX_DELAY_SECONDS, recheckDeadline } from '../backoff.ts'

const CREATED = Date.UTC(2026, 10, 24, 8, 0, 0)
const at = (seconds: number) => CREATED + seconds * 1000
const H = 3600

describe('nextCheckDelay', () => {
  // prettier-ignore
  const table: [elapsedSeconds: number, checkCount: number, expected: number | 'expire'][] = [
    //  elapsed         checks  next delay
    [         0,           0,   30        ],  // first check 30 s after a notification said "waiting"
    [        30,           1,   60        ],
    [        90,           2,   120       ],
    [       210,           3,   300       ],
    [       510,           4,   600       ],
    [      1110,           5,   1800      ],  // 30 min
    [      2910,           6,   H         ],  // then hourly
    [      2910 + H,       7,   H         ],
    [      12 * H,        18,   H         ],
    [      23 * H,        29,   H         ],
    [  24 * H - 600,      30,   600       ],  // pulled in to land exactly on the 24 h mark
    [  24 * H - 0.4,      31,   1         ],  // never 0 while the window is open
    [      24 * H,        31,   'expire'  ],  // 24 h after creation: expired
    [      30 * H,        40,   'expire'  ],
    [         0,         500,   H         ],  // many manual checks early on: still hourly, not expired
  ]

  it.each(table)('created %s s ago, %s checks made → %s', (elapsed, checkCount, expected) => {
    expect(nextCheckDelay({ createdAt: CREATED, checkCount, now: at(elapsed) })).toBe(expected)
  })

  it('walks the whole schedule: 30 s, 1, 2, 5, 10, 30 min, then hourly until 24 h, then expire', () => {
    let now = CREATED
    const delays: number[] = []
    for (let count = 0; count < 100; count++) {
      const d = nextCheckDelay({ createdAt: CREATED, checkCount: count, now })
      if (d === 'expire') break
      delays.push(d)
      now += d * 1000
    }
    expect(delays.slice(0, 7)).toEqual([30, 60, 120, 300, 600, 1800, 3600])
    expect(delays.slice(6).every((d) => d <= 3600)).toBe(true)
    expect(now).toBe(CREATED + 24 * H * 1000)
    // 6 steps (2 910 s), 23 hourly checks, then 690 s to land on the 24 h mark: 30 checks in all.
    expect(delays.length).toBe(30)
    expect(delays.at(-1)).toBe(690)
  })

  it('accepts ISO strings and Dates (created_at from the database)', () => {
    expect(nextCheckDelay({ createdAt: new Date(CREATED).toISOString(), checkCount: 2, now: new Date(at(100)) })).toBe(120)
  })

  it('does not stretch the window when the clock is behind created_at', () => {
    expect(nextCheckDelay({ createdAt: CREATED, checkCount: 0, now: at(-120) })).toBe(30)
  })

  it('refuses nonsense', () => {
    expect(() => nextCheckDelay({ createdAt: 'hier', checkCount: 0, now: CREATED })).toThrow(RangeError)
    expect(() => nextCheckDelay({ createdAt: CREATED, checkCount: -1, now: CREATED })).toThrow(RangeError)
    expect(() => nextCheckDelay({ createdAt: CREATED, checkCount: 1.5, now: CREATED })).toThrow(RangeError)
  })

  it('gives the deadline', () => {
    expect(recheckDeadline(CREATED).toISOString()).toBe('2026-11-25T08:00:00.000Z')
  })
})

describe('clampQueueDelay (Cloudflare Queues: delaySeconds ≤ 12 h)', () => {
  it.each([
    [0, 0],
    [-5, 0],
    [Number.NaN, 0],
    [0.2, 1],
    [59.1, 60],
    [43_200, 43_200],
    [86_400, QUEUE_MAX_DELAY_SECONDS],
    [Number.POSITIVE_INFINITY, 0],
  ])('%s → %s', (input, expected) => {
    expect(clampQueueDelay(input)).toBe(expected)
  })
})
