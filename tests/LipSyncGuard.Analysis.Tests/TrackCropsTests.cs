using LipSyncGuard.Faces;
using LipSyncGuard.Sync.Extraction;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>The trace cues of a long face are measured on runs spread over all of it, never on its first minutes only.</summary>
public sealed class TrackCropsTests
{
    /// <summary>The bundled real face with its mouth crops, 20 in memory and the rest in the spill file.</summary>
    private static async Task<VideoSignals> SpilledSampleAsync()
    {
        using var extractor = new SignalExtractor(SignalExtractorOptions.Default with { MouthCrops = MouthCropOptions.Default, CropFramesInMemory = 20 });
        return await extractor.ExtractAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));
    }

    [Fact]
    public void RunStarts_LongFace_SpreadFromFirstFrameToLast()
    {
        var starts = TrackCrops.RunStarts(length: 90_000, maxFrames: 3000);

        Assert.Equal(TrackCrops.Runs, starts.Length);
        Assert.Equal(0, starts[0]);
        Assert.Equal(90_000 - (3000 / TrackCrops.Runs), starts[^1]);
        // Even spacing: no two runs overlap and no stretch of the face is skipped by more than one gap's worth.
        var gaps = starts.Zip(starts.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Max() - gaps.Min() <= 1, $"gaps {gaps.Min()}…{gaps.Max()}");
        Assert.True(gaps.Min() >= 3000 / TrackCrops.Runs);
    }

    [Fact]
    public async Task Sample_FaceLongerThanTheBudget_RunsFromStartToEndWithGapsUntrusted()
    {
        using var signals = await SpilledSampleAsync();
        var track = Assert.Single(signals.Tracks.Values);

        var sample = TrackCrops.Sample(track, maxFrames: 48);

        // 24 runs of 2 frames, the first at frame 0 and the last ending on the face's last frame (read from the spill file).
        Assert.True(track.SpilledCropFrames > 0);
        Assert.Equal(48, sample.Length);
        var bytes = sample.CropBytes;
        Assert.Equal(track.ReadCrops(0, 2), sample.Crops[..(2 * bytes)]);
        Assert.Equal(track.ReadCrops(track.Length - 2, 2), sample.Crops[^(2 * bytes)..]);
        Assert.Equal(track.Valid[track.Length - 1], sample.LipValid[^1]);
        Assert.All(Enumerable.Range(0, TrackCrops.Runs), k => Assert.False(sample.LipValid[2 * k]));
    }

    [Fact]
    public async Task Sample_FaceWithinTheBudget_EveryFrameAsStored()
    {
        using var signals = await SpilledSampleAsync();
        var track = Assert.Single(signals.Tracks.Values);

        var sample = TrackCrops.Sample(track, maxFrames: 3000);

        Assert.Equal(track.Length, sample.Length);
        Assert.Equal(track.ReadCrops(0, track.Length), sample.Crops);
        Assert.Equal(track.Valid, sample.LipValid);
        Assert.Equal(track.Lips, sample.Lips);
    }

    [Fact]
    public async Task Sample_FaceLongerThanTheBudget_ForeheadComparisonsAndEyeDistancesTravelWithTheirFrames()
    {
        // The bundled 512 px fake shows the forehead, so every third frame carries a comparison.
        using var extractor = new SignalExtractor(SignalExtractorOptions.Default with { MouthCrops = MouthCropOptions.Default });
        using var signals = await extractor.ExtractAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "fake_wav2liphq_haroon.mp4"));
        var track = Assert.Single(signals.Tracks.Values);

        var sample = TrackCrops.Sample(track, maxFrames: 72);

        var starts = TrackCrops.RunStarts(track.Length, 72);
        var run = 72 / TrackCrops.Runs;
        var expected = starts.SelectMany(s => Enumerable.Range(s, run)).Select(t => track.Forehead[t]).ToArray();
        Assert.Equal(expected, sample.Forehead);
        Assert.Contains(sample.Forehead!, float.IsFinite);
        // Head motion is put in eye distances frame by frame, so each frame's eye distance comes with its head position.
        Assert.Equal(starts.SelectMany(s => Enumerable.Range(s, run)).Select(t => track.EyeDistance[t]), sample.EyeDistance!);
        const int width = TrackSignals.HeadWidth;
        Assert.Equal(starts.SelectMany(s => Enumerable.Range(s * width, run * width)).Select(k => track.Head[k]), sample.Head!);
    }
}
