using LipSyncGuard.Data;
using Xunit;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training.Tests;

public sealed class ModelCardMarkdownTests
{
    [Fact]
    public void Render_CardWithEvaluationAndNotes_EveryFigureComesFromTheCard()
    {
        var metrics = BinaryMetrics.Compute([0.1, 0.2, 0.7, 0.9, 0.15], [0, 0, 1, 1, 1], threshold: 0.5);
        var videos = new List<VideoScore> { new("a.mp4", 0, "real", "-", 0.1, 3), new("b.mp4", 1, "swap", "lipsyncguard-synth", 0.9, 2) { Texture = 0.25 } };
        var card = new DetectorCard
        {
            Command = "finetune", Threshold = 0.4321, ThresholdMethod = "eer on validation of data/x", BestEpoch = 7,
            Windows = new Dictionary<string, int> { ["train/real"] = 120, ["validation/swap"] = 30 },
            Videos = new Dictionary<string, int> { ["train/real"] = 12, ["validation/swap"] = 3 },
            Evaluations = new Dictionary<string, CardEvaluation>
            {
                ["held-out"] = new("data/test", DateTime.UnixEpoch, metrics, new Dictionary<string, BinaryMetrics> { ["swap"] = metrics },
                    new Dictionary<string, BinaryMetrics>(), videos)
                {
                    CueAuc = new Dictionary<string, IReadOnlyDictionary<string, double>>
                    {
                        ["detector"] = new Dictionary<string, double> { ["swap"] = 0.65 }, ["sync"] = new Dictionary<string, double> { ["swap"] = 0.91 },
                        ["texture"] = new Dictionary<string, double> { ["swap"] = 0.48 },
                    },
                    SyncModel = "sync-landmarks.json: fitted on 96 real videos",
                },
            },
            Fusion = new VerdictFusion(1, 0.5, 0.1, -0.2, TextureWeight: 1.25) { SyncModel = "sync-landmarks.json: fitted on 96 real videos" },
            Texture = new TextureCue([0, 0, 0], [1, 1, 1], [-1.5, 2, -0.5], 0.1) { FittedOn = "data/train", Videos = new Dictionary<string, int> { ["real"] = 40, ["fake"] = 9 } },
            Sources = ["shared media, licences per file"], Limitations = ["few speakers"], Recipe = ["scripts/train-default.sh"],
        };

        var markdown = ModelCardMarkdown.Render(card, "lipsyncguard-default", "roc.png");

        Assert.Contains("Threshold **0.4321** (eer on validation of data/x)", markdown);
        Assert.Contains("| real | 12 | 0 | 120 | 0 |", markdown);
        Assert.Contains("| swap | 0 | 3 | 0 | 30 |", markdown);
        Assert.Contains($"| real vs swap | 5 | {metrics.Auc:0.000} |", markdown);
        Assert.Contains("| 0.650 | 0.910 | 0.480 |", markdown);
        Assert.Contains("Verdict = detector fused with the landmark sync measure and the mouth-texture cue", markdown);
        Assert.Contains("+ 1.25·max(0, logit(texture))", markdown);
        Assert.Contains("-0.2; sync measure sync-landmarks.json: fitted on 96 real videos.", markdown);
        Assert.Contains("at threshold 0.5; sync measure sync-landmarks.json: fitted on 96 real videos.", markdown);
        Assert.Contains("(standardised weights -1.50, +2.00, -0.50), fitted on 40 real and 9 generator-fake videos of data/train", markdown);
        Assert.Contains("![ROC on the held-out groups](roc.png)", markdown);
        Assert.Contains("| b.mp4 | fake | swap | 0.9 | 0.9 | – | 0.25 | 2 |", markdown);
        Assert.Contains("- few speakers", markdown);
        Assert.Contains("scripts/train-default.sh", markdown);
        Assert.Contains("- Pretrained from: nothing (random initialisation).", markdown);
    }

    [Fact]
    public void Render_PretrainedFile_NamesItsPathAndHashBeforeTheKeyReport()
    {
        var card = new DetectorCard
        {
            Pretrained = "best_model.safetensors [lipsyncguard]: 112 matched", PretrainedFile = new PretrainedFile("../pretrain/best_model.safetensors", new string('0', 64)),
        };

        var markdown = ModelCardMarkdown.Render(card, "x");

        Assert.Contains($"- Pretrained from: `../pretrain/best_model.safetensors` (SHA-256 {new string('0', 64)}): best_model.safetensors [lipsyncguard]: 112 matched.", markdown);
    }
}
