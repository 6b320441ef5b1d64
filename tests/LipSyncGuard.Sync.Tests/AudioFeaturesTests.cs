using Xunit;

namespace LipSyncGuard.Sync.Tests;

public sealed class AudioFeaturesTests
{
    private static readonly IReadOnlyList<SyncTrack> Training = Enumerable.Range(1, 8).Select(s => SyntheticSpeech.Make(s)).ToList();

    [Fact]
    public void RandomLayer_SameSeed_SameValuesInEveryBuild()
    {
        // A model file stores the seed, not the layer: these values must never change, or shipped models break (the same
        // SplitMix64 stream in Python gives them too).
        var (projection, offsets) = AudioFeatures.RandomLayer(inputs: 3, units: 2, seed: 1);
        var (again, _) = AudioFeatures.RandomLayer(inputs: 3, units: 2, seed: 1);
        var (other, _) = AudioFeatures.RandomLayer(inputs: 3, units: 2, seed: 2);

        Assert.Equal(projection, again);
        Assert.NotEqual(projection, other);
        Assert.Equal([-0.66956f, 0.97494f, 0.15526f, -0.42727f, 0.07636f, -0.49478f], projection.Select(v => MathF.Round(v, 5)));
        Assert.All(offsets, o => Assert.InRange(o, -1f, 1f));
    }

    [Fact]
    public void Rows_HiddenUnits_ContextFirstThenRectifiedUnits()
    {
        var options = SyncOptions.Default with { ContextFrames = 1, HiddenUnits = 16 };
        var features = new AudioFeatures(options, SyntheticSpeech.AudioWidth);
        var track = SyntheticSpeech.Make(3);
        var audio = TrackNormalizer.Standardize(track.Audio, track.AudioWidth, null);
        var row = new float[features.Width];

        features.Rows(audio, track.FrameCount, 0, 1, row);

        Assert.Equal(3 * SyntheticSpeech.AudioWidth + 16, features.Width);
        Assert.All(row[..SyntheticSpeech.AudioWidth], v => Assert.Equal(0f, v)); // frame −1 lies outside the clip
        Assert.Equal(audio[..SyntheticSpeech.AudioWidth], row[SyntheticSpeech.AudioWidth..(2 * SyntheticSpeech.AudioWidth)]);
        Assert.All(row[features.ContextWidth..], v => Assert.True(v >= 0));
        Assert.Contains(row[features.ContextWidth..], v => v > 0);
    }

    [Theory]
    [InlineData(16, 7)]  // whole groups of units, frames not a multiple of four
    [InlineData(21, 9)]  // and units past the last whole group
    [InlineData(5, 4)]   // no whole group at all
    public void Rows_AnyBlock_SameValuesAsOneFrameAtATime(int units, int count)
    {
        // A model's predictions must not depend on how frames are blocked: every unit is its offset plus weight × input
        // added in input order in single precision, exactly as a plain loop over one frame adds them.
        var options = SyncOptions.Default with { ContextFrames = 2, HiddenUnits = units, HiddenSeed = 7 };
        var features = new AudioFeatures(options, SyntheticSpeech.AudioWidth);
        var track = SyntheticSpeech.Make(11);
        var audio = TrackNormalizer.Standardize(track.Audio, track.AudioWidth, null);
        var (projection, offsets) = AudioFeatures.RandomLayer(features.ContextWidth, units, seed: 7);
        var first = track.FrameCount - count + 1; // the last rows reach past the clip's end
        var rows = new float[count * features.Width];

        features.Rows(audio, track.FrameCount, first, count, rows);

        for (var f = 0; f < count; f++)
        {
            var row = rows.AsSpan(f * features.Width, features.Width);
            var single = new float[features.Width];
            features.Rows(audio, track.FrameCount, first + f, 1, single);
            Assert.Equal(single, row.ToArray());
            var expected = new float[units];
            for (var u = 0; u < units; u++)
            {
                var h = offsets[u];
                for (var i = 0; i < features.ContextWidth; i++) h = (projection[(i * units) + u] * row[i]) + h;
                expected[u] = Math.Max(h, 0f);
            }
            Assert.Equal(expected, row[features.ContextWidth..].ToArray());
        }
    }

    [Fact]
    public void Fit_HiddenUnits_PredictsNonlinearLipsCloserThanLinear()
    {
        // SyntheticSpeech's audio is the log of the envelope its lips follow linearly: a linear map from log-mel
        // underfits, the random rectified units let the ridge bend.
        var linear = new SyncFitter(SyncOptions.Default with { HiddenUnits = 0 }).Fit(Training);
        var hidden = new SyncFitter(SyncOptions.Default with { HiddenUnits = 256 }).Fit(Training);
        var test = SyntheticSpeech.Make(200, frames: 600);

        Assert.True(Correlation(hidden, test) > Correlation(linear, test) + 0.01, $"hidden {Correlation(hidden, test):0.000}, linear {Correlation(linear, test):0.000}");
    }

    [Fact]
    public void SaveLoad_HiddenUnits_SameScoresAndFindsShift()
    {
        var model = new SyncFitter(SyncOptions.Default with { HiddenUnits = 64, HiddenSeed = 5 }).Fit(Training);
        var path = Path.Combine(Path.GetTempPath(), $"sync-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = SyncModel.Load(path);
            var shifted = SyntheticSpeech.Make(108).WithAudioShift(-9);

            Assert.Equal(new SyncScorer(model).Score(shifted).Score, new SyncScorer(loaded).Score(shifted).Score, 6);
            Assert.Equal(-9, new SyncScorer(loaded).Score(shifted).OffsetFrames);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Mean over lip channels of the correlation between predicted and standardised real lips on valid frames.</summary>
    private static double Correlation(SyncModel model, SyncTrack track)
    {
        var predicted = model.Predict(track);
        var lips = TrackNormalizer.Standardize(track.Lips, track.LipWidth, track.LipValid);
        var total = 0.0;
        for (var k = 0; k < track.LipWidth; k++)
        {
            var frames = Enumerable.Range(0, track.FrameCount).Where(t => track.LipValid[t]).ToList();
            var p = frames.Select(t => (double)predicted[t * track.LipWidth + k]).ToList();
            var l = frames.Select(t => (double)lips[t * track.LipWidth + k]).ToList();
            double mp = p.Average(), ml = l.Average();
            var cov = p.Zip(l, (a, b) => (a - mp) * (b - ml)).Sum();
            total += cov / Math.Sqrt(p.Sum(a => (a - mp) * (a - mp)) * l.Sum(b => (b - ml) * (b - ml)));
        }
        return total / track.LipWidth;
    }
}
