using LipSyncGuard.Service.Problems;
using Xunit;

namespace LipSyncGuard.Service.Tests;

public sealed class ServerPathsTests
{
    [Theory]
    [InlineData("finetune on /work/main/data/default/train; threshold eer", "finetune on train; threshold eer")]
    [InlineData("cannot read '/tmp/lipsyncguard-uploads/1-2-abc.upload': gone", "cannot read '1-2-abc.upload': gone")]
    [InlineData("weights /srv/models/a.safetensors and /srv/models/b.safetensors", "weights a.safetensors and b.safetensors")]
    [InlineData("sync-only mode, 16/9 ratio, https://lipsyncguard.dev/problems/busy", "sync-only mode, 16/9 ratio, https://lipsyncguard.dev/problems/busy")]
    [InlineData("data/default/validation (relative)", "data/default/validation (relative)")]
    public void Scrub_Text_AbsolutePathsBecomeNames(string text, string expected) => Assert.Equal(expected, ServerPaths.Scrub(text));

    [Fact]
    public void Scrub_CardJson_NestedStringsScrubbedOthersKept()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse("""{"data_directory":"/data/set","evaluations":[{"data":"/x/y/z","auc":0.9}],"n":3}""");

        var scrubbed = ServerPaths.Scrub(node)!.ToJsonString();

        Assert.Equal("""{"data_directory":"set","evaluations":[{"data":"z","auc":0.9}],"n":3}""", scrubbed);
    }
}
