//! Tide prediction from a handful of harmonic constituents, for one harbour.

// ANCHOR: constituent
/// One harmonic constituent of the tide at a single harbour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Constituent {
    /// Speed in degrees per hour (M2 turns at 28.984 degrees an hour).
    pub speed: f32,
    /// The height this constituent adds at its crest, in metres.
    pub amplitude: f32,
    /// How far the harbour lags behind the Moon, in degrees.
    pub phase: f32,
}
// ANCHOR_END: constituent

// ANCHOR: height
/// The height of the tide above chart datum, `hours` after the epoch.
pub fn height(mean: f32, tide: &[Constituent], hours: f32) -> f32 {
    tide.iter().fold(mean, |level, c| {
        let angle = (c.speed * hours - c.phase).to_radians();
        level + c.amplitude * angle.cos()
    })
}
// ANCHOR_END: height

// ANCHOR: next_high
/// The first moment after `from` (in hours) at which the water stops rising.
pub fn next_high_water(mean: f32, tide: &[Constituent], from: f32) -> f32 {
    const MINUTE: f32 = 1.0 / 60.0;
    let at = |t: f32| height(mean, tide, t);
    let mut t = from;
    let mut rising = at(t + MINUTE) > at(t);
    loop {
        let up = at(t + 2.0 * MINUTE) > at(t + MINUTE);
        if rising && !up {
            return t + MINUTE;
        }
        rising = up;
        t += MINUTE;
    }
}
// ANCHOR_END: next_high
