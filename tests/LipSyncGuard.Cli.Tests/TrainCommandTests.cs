using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Testing;
using LipSyncGuard.Training;
using Xunit;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Tests;

/// <summary><c>lipsync train</c> as a real child process on the AVLips sample (tiny model, shared preprocessed cache):
/// outputs, resume after SIGKILL, and checkpoints that stay loadable whenever the process dies.</summary>
[Collection(AvLipsCacheFixture.Collection)]
public sealed class TrainCommandTests(AvLipsCacheFixture avlips)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task Train_AvLipsTwoEpochs_WritesCheckpointsCardAndSplit()
    {
        var data = Data();
        using var dir = new TempDir();
        var output = dir.File("weights");

        var result = await LipsyncProcess.RunAsync(Args(data, output, epochs: 2, batch: 8));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var run = new TrainingRun(output, "train", data);
        foreach (var file in new[] { run.BestPath, run.LastPath, run.OptimizerPath, run.StatePath, run.CardPath, run.SplitPath, run.CsvPath })
            Assert.True(File.Exists(file), $"{Path.GetFileName(file)} missing");
        Assert.Equal(2, TrainingState.Load(run.StatePath).Epoch);
        var card = DetectorCard.Load(run.CardPath);
        Assert.Equal([1, 2], card.Epochs.Select(e => e.Epoch));
        Assert.Equal("tiny", card.Network.Size);
        var split = DataSplit.Load(run.SplitPath, data);
        Assert.Equal(6, split.Train.Count + split.Validation.Count);
        Assert.NotEmpty(split.Validation);
        Assert.Empty(split.Train.Intersect(split.Validation));
        // The file names the videos relative to the data folder; read back against it they are the dataset's files.
        Assert.DoesNotContain(data, File.ReadAllText(run.SplitPath), StringComparison.Ordinal);
        Assert.All(split.Train.Concat(split.Validation), video => Assert.True(File.Exists(video), video));
        AssertLoads(run.LastPath);
        AssertLoads(run.BestPath);
        // Everything came from the cache the fixture filled: nothing was decoded again.
        Assert.Contains("0 extracted, 6 cached", result.Stdout);
        Assert.Contains("fewer than 20 per class", result.Stderr);
    }

    [SkippableFact]
    public async Task TrainEvaluateCard_AudioNegatives_CalibratesOnValidationRecordsAndRenders()
    {
        var data = Data();
        using var dir = new TempDir();
        var output = dir.File("weights");
        var run = new TrainingRun(output, "train", data);
        var train = await LipsyncProcess.RunAsync([.. Args(data, output, epochs: 1, batch: 8), "--audio-negatives"]);
        Assert.True(train.ExitCode == 0, train.Stdout + train.Stderr);
        var trained = DetectorCard.Load(run.CardPath);
        // Every real window brought a shifted and (across groups) a swapped twin.
        Assert.True(trained.Windows.Keys.Any(k => k.EndsWith("/shift", StringComparison.Ordinal)), string.Join(",", trained.Windows.Keys));
        Assert.True(trained.Settings.AudioNegatives);

        var calibrate = await LipsyncProcess.RunAsync(["evaluate", "--data-dir", data, "--cache-dir", avlips.CacheDirectory, "--weights", run.BestPath,
            "--subset", "validation", "--calibrate", "eer", "--windows-per-video", "3"]);
        var record = await LipsyncProcess.RunAsync(["evaluate", "--data-dir", data, "--cache-dir", avlips.CacheDirectory, "--weights", run.BestPath,
            "--record", "check", "--windows-per-video", "3"]);
        var markdown = dir.File("card.md");
        var card = await LipsyncProcess.RunAsync(["card", "--weights", run.BestPath, "--markdown", markdown]);

        Assert.True(calibrate.ExitCode == 0 && record.ExitCode == 0 && card.ExitCode == 0, calibrate.Stderr + record.Stderr + card.Stderr);
        var evaluated = DetectorCard.Load(run.CardPath);
        var validation = DataSplit.Load(run.SplitPath, data).Validation.Count;
        Assert.Equal(validation, evaluated.Calibration!.Count);
        Assert.StartsWith("eer on validation", evaluated.ThresholdMethod, StringComparison.Ordinal);
        var recorded = evaluated.Evaluations["check"];
        Assert.Equal(6, recorded.Videos.Count);
        // The card is shipped and served: the data folder is named relative to it, never as this machine's path.
        Assert.False(Path.IsPathRooted(recorded.DataDirectory), recorded.DataDirectory);
        Assert.DoesNotContain(" of " + Path.GetFullPath(data), evaluated.ThresholdMethod, StringComparison.Ordinal);
        Assert.Equal(evaluated.Threshold, recorded.Overall.Threshold);
        Assert.Contains($"| all | 6 | {recorded.Overall.Auc.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} |", File.ReadAllText(markdown));
    }

    [SkippableFact]
    public async Task FitTexture_AfterTraining_CardGetsTheCueAndTheFusionWeighsIt()
    {
        var data = Data();
        using var dir = new TempDir();
        var output = dir.File("weights");
        var run = new TrainingRun(output, "train", data);
        var inputs = new[] { "--inputs", "landmarks" };
        var train = await LipsyncProcess.RunAsync([.. Args(data, output, epochs: 1, batch: 8), .. inputs]);
        Assert.True(train.ExitCode == 0, train.Stdout + train.Stderr);

        var fit = await LipsyncProcess.RunAsync(["fit-texture", "--data-dir", data, "--cache-dir", avlips.CacheDirectory, "--weights", run.BestPath]);
        var evaluate = await LipsyncProcess.RunAsync(["evaluate", "--data-dir", data, "--cache-dir", avlips.CacheDirectory, "--weights", run.BestPath,
            "--fit-fusion", "--record", "check", "--windows-per-video", "3"]);

        Assert.True(fit.ExitCode == 0 && evaluate.ExitCode == 0, fit.Stdout + fit.Stderr + evaluate.Stderr);
        var card = DetectorCard.Load(run.CardPath);
        Assert.Equal("landmarks", card.Network.Inputs);
        // Fitted on the videos outside the run's validation groups only, one row per video with a face.
        var validation = DataSplit.Load(run.SplitPath, data).Validation.Count;
        Assert.Equal(6 - validation, card.Texture!.Videos.Values.Sum());
        Assert.Contains("validation groups", card.Texture.FittedOn, StringComparison.Ordinal);
        Assert.NotEqual(0, card.Fusion!.TextureWeight);
        Assert.True(card.Evaluations["check"].CueAuc.ContainsKey("texture"));
        Assert.All(card.Evaluations["check"].Videos, v => Assert.NotNull(v.Texture));
    }

    [SkippableFact]
    public async Task FitTexture_WeightsMissing_ExitsWithOneLine()
    {
        var data = Data();

        var result = await LipsyncProcess.RunAsync(["fit-texture", "--data-dir", data, "--cache-dir", avlips.CacheDirectory, "--weights", "no-such/best_model.safetensors"]);

        Assert.Contains("--weights", result.UsageErrorLine(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Train_UnknownInputs_ExitsWithOneLine()
    {
        var data = Data();
        using var dir = new TempDir();

        var result = await LipsyncProcess.RunAsync([.. Args(data, dir.File("weights"), epochs: 1, batch: 8), "--inputs", "pixels"]);

        Assert.Contains("--inputs 'pixels'", result.UsageErrorLine(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Train_KilledMidEpochThenResumed_ContinuesFromLastCompletedEpoch()
    {
        var data = Data();
        using var dir = new TempDir();
        var output = dir.File("weights");
        var run = new TrainingRun(output, "train", data);
        const int epochs = 3;

        TrainingState killedAt;
        using (var child = LipsyncChild.Start(Args(data, output, epochs, batch: 2)))
        {
            killedAt = await WaitForStateAsync(run, child, minEpoch: 1);
            Assert.False(child.HasExited, "the run finished before it could be killed:\n" + child.Output);
            child.Kill();
        }
        var before = TrainingState.Load(run.StatePath);
        Assert.InRange(before.Epoch, killedAt.Epoch, epochs - 1);

        var resumed = await LipsyncProcess.RunAsync([.. Args(data, output, epochs, batch: 2), "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Contains($"resuming after epoch {before.Epoch}", resumed.Stdout);
        var after = TrainingState.Load(run.StatePath);
        Assert.Equal(Enumerable.Range(1, epochs), after.History.Select(h => h.Epoch));
        // The epochs finished before the kill are kept as they were, not retrained.
        Assert.Equal(before.History.Select(h => h.TrainLoss), after.History.Take(before.Epoch).Select(h => h.TrainLoss));
        AssertLoads(run.LastPath);
    }

    [SkippableFact]
    public async Task Train_KilledAtRandomPoints_LastCheckpointAlwaysLoads()
    {
        var data = Data();
        using var dir = new TempDir();
        var output = dir.File("weights");
        var run = new TrainingRun(output, "train", data);
        var random = new Random(20);
        var kills = 0;
        // Issue 9 asks for 20 kill points; each round is a short tiny-model run (about 5 s).
        const int rounds = 20;
        for (var round = 0; round < rounds; round++)
        {
            using var child = LipsyncChild.Start([.. Args(data, output, epochs: 1000, batch: 2), "--resume"]);
            if (round == 0) await WaitForStateAsync(run, child, minEpoch: 1);
            // Random points: during start-up, mid-batch, or while last.* / state / card are being written.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 4000)));
            Assert.False(child.HasExited, child.Output);
            child.Kill();
            kills++;

            AssertLoads(run.LastPath);
            var state = TrainingState.Load(run.StatePath);
            Assert.Equal(Enumerable.Range(1, state.Epoch), state.History.Select(h => h.Epoch));
            using var net = new LipSyncNet(ModelCheckpoint.ReadOptions(run.LastPath)!);
            using var optimizer = new Trainer(TrainingOptions.Default).CreateOptimizer(net);
            optimizer.load_state_dict(run.OptimizerPath);
            DetectorCard.Load(run.CardPath);
        }
        Assert.Equal(rounds, kills);
    }

    private string Data()
    {
        SharedMedia.Require("avlips");
        return avlips.DataDirectory!;
    }

    private string[] Args(string data, string output, int epochs, int batch) =>
    [
        "train", "--data-dir", data, "--cache-dir", avlips.CacheDirectory, "--output", output, "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--batch-size", batch.ToString(System.Globalization.CultureInfo.InvariantCulture), "--model-size", "tiny", "--seed", "3", "--windows-per-video", "3",
    ];

    private static async Task<TrainingState> WaitForStateAsync(TrainingRun run, LipsyncChild child, int minEpoch)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (DateTime.UtcNow < deadline && !child.HasExited)
        {
            if (File.Exists(run.StatePath) && TrainingState.Load(run.StatePath) is { } state && state.Epoch >= minEpoch) return state;
            await Task.Delay(20);
        }
        throw new TimeoutException($"no completed epoch {minEpoch} (exited: {child.HasExited}):\n{child.Output}");
    }

    private static void AssertLoads(string path)
    {
        var options = ModelCheckpoint.ReadOptions(path);
        Assert.NotNull(options);
        using var net = new LipSyncNet(options);
        var report = ModelCheckpoint.Load(net, path, requireAll: true);
        Assert.Empty(report.Missing);
    }
}
