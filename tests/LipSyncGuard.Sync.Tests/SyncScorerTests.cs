using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Sync.Tests;

public sealed class SyncScorerTests
{
    private static readonly SyncModel Model = new SyncFitter().Fit(Enumerable.Range(1, 8).Select(s => SyntheticSpeech.Make(s)).ToList());
    private readonly SyncScorer _scorer = new(Model);

    [Fact]
    public void Score_InSyncTrack_OffsetZeroAndHighScore()
    {
        var result = _scorer.Score(SyntheticSpeech.Make(100));

        Assert.Equal(0, result.OffsetFrames);
        Assert.True(result.Score > 0.8, $"score {result.Score}");
        Assert.True(result.ScoredFrames > 100);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(-12)]
    [InlineData(-5)]
    public void Score_AudioShifted_FindsTheShift(int shift)
    {
        var result = _scorer.Score(SyntheticSpeech.Make(101).WithAudioShift(shift));

        Assert.Equal(shift, result.OffsetFrames);
        Assert.Equal(shift * 40, result.OffsetMs, 6);
        Assert.True(result.Score < 0.5, $"score {result.Score}");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void Score_AudioLateWithinCaptureTolerance_InSyncAtItsOffset(int shift)
    {
        // Genuine recordings often carry audio 100–300 ms late: the lips match the speech at that lag.
        var result = _scorer.Score(SyntheticSpeech.Make(101).WithAudioShift(shift));

        Assert.Equal(shift, result.OffsetFrames);
        Assert.True(result.Score > 0.5, $"score {result.Score}");
    }

    [Fact]
    public void Score_AudioSwapped_LowScore()
    {
        var result = _scorer.Score(SyntheticSpeech.Make(102).WithAudioFrom(SyntheticSpeech.Make(103)));

        Assert.True(result.Score < 0.5, $"score {result.Score}");
    }

    [Fact]
    public void Score_NoSpeech_IsNotJudged()
    {
        var track = SyntheticSpeech.Make(104);
        var silent = new SyncTrack(track.FrameCount, track.Audio, track.AudioWidth, track.Lips, track.LipWidth, track.LipValid, new float[track.FrameCount]);

        var result = _scorer.Score(silent);

        Assert.False(result.IsJudged);
    }

    [Fact]
    public void ScoreWindows_ShiftInSecondHalf_OnlyLaterWindowsLoseSync()
    {
        var track = SyntheticSpeech.Make(105, frames: 500);
        var shifted = track.WithAudioShift(14);
        // First half in sync, second half with the audio 14 frames late (beyond the late-audio tolerance).
        var audio = track.Audio[..(250 * track.AudioWidth)].Concat(shifted.Audio[(250 * track.AudioWidth)..]).ToArray();
        var speech = track.Speech[..250].Concat(shifted.Speech[250..]).ToArray();
        var mixed = new SyncTrack(track.FrameCount, audio, track.AudioWidth, track.Lips, track.LipWidth, track.LipValid, speech);

        var windows = _scorer.ScoreWindows(mixed, 25, 13);

        var early = windows.Where(w => w.EndFrame <= 200 && w.Result.IsJudged).ToList();
        var late = windows.Where(w => w.StartFrame >= 300 && w.Result.IsJudged).ToList();
        Assert.NotEmpty(early);
        Assert.NotEmpty(late);
        Assert.True(early.Average(w => w.Result.Score) > late.Average(w => w.Result.Score) + 0.3);
        // 3 s spans of syllables can alias to a neighbouring lag now and then; most must find the shift.
        Assert.True(late.Count(w => Math.Abs(w.Result.OffsetFrames - 14) <= 1) >= 0.75 * late.Count,
            string.Join(",", late.Select(w => w.Result.OffsetFrames)));
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameScores()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sync-{Guid.NewGuid():N}.json");
        try
        {
            Model.Save(path);
            var loaded = SyncModel.Load(path);
            var track = SyntheticSpeech.Make(106);

            Assert.Equal(_scorer.Score(track).Score, new SyncScorer(loaded).Score(track).Score, 6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_FormatTwoFile_ReadsAsLinearModel()
    {
        // Files written before hidden units and the off-zero contrast existed say format 2 and have neither: they must
        // keep loading and scoring as they were fitted.
        var linear = new SyncFitter(SyncOptions.Default with { HiddenUnits = 0, ContrastWeight = 0, LateAudioToleranceFrames = SyncOptions.Default.ZeroLagToleranceFrames }).Fit(Enumerable.Range(1, 8).Select(s => SyntheticSpeech.Make(s)).ToList());
        var path = Path.Combine(Path.GetTempPath(), $"sync-{Guid.NewGuid():N}.json");
        try
        {
            linear.Save(path);
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
            json["format"] = 2;
            json["options"]!.AsObject().Remove("hidden_units");
            json["options"]!.AsObject().Remove("hidden_seed");
            json["options"]!.AsObject().Remove("contrast_weight");
            json["options"]!.AsObject().Remove("contrast_lag_frames");
            json["options"]!.AsObject().Remove("late_audio_tolerance_frames");
            File.WriteAllText(path, json.ToJsonString());
            var track = SyntheticSpeech.Make(109);

            var loaded = SyncModel.Load(path);

            Assert.Equal(0, loaded.Options.HiddenUnits);
            Assert.Equal(0, loaded.Options.ContrastWeight);
            Assert.Equal(loaded.Options.ZeroLagToleranceFrames, loaded.Options.LateAudioToleranceFrames);
            Assert.Equal(new SyncScorer(linear).Score(track).Score, new SyncScorer(loaded).Score(track).Score, 6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fit_CanonicalProjection_RoundTripsAndFindsShift()
    {
        var options = SyncOptions.Default with { CanonicalComponents = 2 };
        var model = new SyncFitter(options).Fit(Enumerable.Range(1, 8).Select(s => SyntheticSpeech.Make(s)).ToList());
        var path = Path.Combine(Path.GetTempPath(), $"sync-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = SyncModel.Load(path);
            var result = new SyncScorer(loaded).Score(SyntheticSpeech.Make(107).WithAudioShift(8));

            Assert.Equal(2 * SyntheticSpeech.LipWidth * 2, loaded.LipProjection.Length);
            Assert.Equal(8, result.OffsetFrames);
            Assert.True(result.Score < 0.5, $"score {result.Score}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Score_ContrastWithOffZeroPeak_LowersShiftedMarginMoreThanSwapped()
    {
        // A shifted clip peaks away from 0, a swapped one nowhere: against the median both look alike; against the
        // off-zero peak the shifted one drops well below.
        var median = new SyncScorer(Model with { Options = Model.Options with { ContrastWeight = 0 } });
        var contrast = new SyncScorer(Model with { Options = Model.Options with { ContrastWeight = 1 } });
        var shifted = SyntheticSpeech.Make(110).WithAudioShift(12);
        var swapped = SyntheticSpeech.Make(110).WithAudioFrom(SyntheticSpeech.Make(111));

        var shiftDrop = median.Score(shifted).Margin - contrast.Score(shifted).Margin;
        var swapDrop = median.Score(swapped).Margin - contrast.Score(swapped).Margin;

        Assert.True(shiftDrop > 0.2, $"shifted margin fell by {shiftDrop:0.000}");
        Assert.True(shiftDrop > 2 * swapDrop, $"shifted {shiftDrop:0.000}, swapped {swapDrop:0.000}");
    }

    [Fact]
    public void Load_MissingFile_NamesFitSync()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SyncModel.Load("/nonexistent/sync.json"));

        Assert.Contains("fit-sync", error.Message);
    }

    [Fact]
    public void Load_ModelFromBeforeSpeechEmbeddings_ReadsLogMel()
    {
        // The trained detector's sync measure (a format before 6) was fitted on log-mel rows; the shipped one reads speech
        // embeddings.
        var older = SyncModel.Load(Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-default.sync.json"));
        var shipped = SyncModel.Load(Path.Combine(SharedMedia.RepositoryRoot, "models", "sync-landmarks.json"));

        Assert.InRange(older.Format, 2, 5);
        Assert.Equal((SyncAudio.LogMel, 40), (older.Options.Audio, older.AudioWidth));
        Assert.Equal((SyncAudio.SpeechEmbedding, LipSyncGuard.Audio.SpeechEmbedder.Dimensions), (shipped.Options.Audio, shipped.AudioWidth));
    }

    [Fact]
    public void LogisticFit_SeparatedClasses_OrdersThem()
    {
        var data = new List<(double, bool)> { (0.1, false), (0.15, false), (0.2, false), (0.3, true), (0.35, false), (0.4, true), (0.5, true) };

        var (a, b) = SyncFitter.LogisticFit(data);

        Assert.True(a > 0);
        Assert.True(1 / (1 + Math.Exp(-(a * 0.5 + b))) > 0.5);
        Assert.True(1 / (1 + Math.Exp(-(a * 0.1 + b))) < 0.5);
    }
}
