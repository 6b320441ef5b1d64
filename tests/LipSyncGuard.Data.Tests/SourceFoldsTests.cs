using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class SourceFoldsTests
{
    [Theory]
    [InlineData("Wav2Lip-GAN", "Wav2Lip")]
    [InlineData("Easy-Wav2Lip (inferred from name 'ew' + run notes)", "Wav2Lip")]
    [InlineData("TalkLipPlus (TalkLip + GFPGAN post-proc)", "TalkLip")]
    [InlineData("ReSyncer", "StyleSync")]
    [InlineData("DreamTalk + CodeFormer SR", "DreamTalk")]
    [InlineData("EDTalk (+face SR)", "EDTalk")]
    [InlineData("SadTalker (via Linly-Talker)", "SadTalker")]
    [InlineData("SadTalker-Video-Lip-Sync (no enhancer; 25fps)", "SadTalker-Video-Lip-Sync")]
    [InlineData("-", "-")]
    [InlineData("", "-")]
    public void Of_GeneratorNames_MergesVariantsOfOneMethod(string generator, string family) =>
        Assert.Equal(family, GeneratorFamily.Of(generator));

    [Fact]
    public void Assign_FamilySpanningSources_OneFoldForAllOfThem()
    {
        // Three repositories each with a real clip and a Wav2Lip fake of it, and unrelated reals elsewhere: the family
        // joins the three repositories (and their reals) into one component.
        var items = new List<DatasetItem>();
        for (var r = 0; r < 3; r++)
        {
            items.Add(new DatasetItem($"/w{r}/real.mp4", 0, $"w{r}", "real", "-", null));
            items.Add(new DatasetItem($"/w{r}/fake.mp4", 1, $"w{r}", "lipsync", r == 0 ? "Wav2Lip" : "Wav2Lip-GAN", null));
        }
        for (var r = 0; r < 12; r++) items.Add(new DatasetItem($"/o{r}.mp4", 0, $"o{r}", "real", "-", null));
        var source = items.ToDictionary(i => i.Path, i => i.Path.Split('/')[1].TrimEnd(".mp4".ToCharArray()));

        var fold = SourceFolds.Assign(items, i => source[i.Path], 3);

        Assert.Single(items.Select((i, n) => (i, n)).Where(x => x.i.Path.StartsWith("/w", StringComparison.Ordinal)).Select(x => fold[x.n]).Distinct());
        Assert.Equal(3, fold.Distinct().Count());
    }

    [Fact]
    public void Assign_OneClipFiledUnderTwoSources_BothInOneFold()
    {
        // Ten reals of ten sources; the first and the last are the same file filed twice.
        var items = Enumerable.Range(0, 10).Select(i => new DatasetItem($"/s{i}/clip.mp4", 0, $"g{i}", "real", "-", null)).ToList();
        string ContentOf(DatasetItem item) => item.Path is "/s0/clip.mp4" or "/s9/clip.mp4" ? "same" : item.Path;

        var apart = SourceFolds.Assign(items, i => i.Path, 5);
        var joined = SourceFolds.Assign(items, i => i.Path, 5, ContentOf);

        Assert.NotEqual(apart[0], apart[9]);
        Assert.Equal(joined[0], joined[9]);
        Assert.Equal(5, joined.Distinct().Count());
    }

    [SkippableFact]
    public void Assign_SharedMediaShuffled_AnotherPartitionUnderTheSameConstraints()
    {
        var (items, sourceOf) = SharedItems();

        var dealt = SourceFolds.Assign(items, sourceOf, 5);
        var shuffled = SourceFolds.Assign(items, sourceOf, 5, shuffle: 8);

        Assert.Equal(shuffled, SourceFolds.Assign(items, sourceOf, 5, shuffle: 8));
        // Not the same partition up to fold names: some pair of items is together in one and apart in the other.
        var pairs = Enumerable.Range(0, items.Count).SelectMany(i => Enumerable.Range(i + 1, items.Count - i - 1).Select(j => (i, j)));
        Assert.Contains(pairs, p => (dealt[p.i] == dealt[p.j]) != (shuffled[p.i] == shuffled[p.j]));
        AssertEachSourceFamilyAndGroupInOneFold(items, sourceOf, shuffled);
    }

    [SkippableFact]
    public void Assign_SharedMedia_NoSourceFamilyOrGroupOnTwoFolds()
    {
        var (items, sourceOf) = SharedItems();

        var fold = SourceFolds.Assign(items, sourceOf, 5);

        Assert.Equal(items.Count, items.Count(i => sourceOf(i) is not null));
        AssertEachSourceFamilyAndGroupInOneFold(items, sourceOf, fold);
    }

    private static (IReadOnlyList<DatasetItem> Items, Func<DatasetItem, string?> SourceOf) SharedItems()
    {
        var root = SharedMedia.Root;
        Skip.If(root is null, "shared media absent");
        var sources = SourceFolds.ReadSources(Path.Combine(root!, "SOURCES.tsv"));
        return (Dataset.Load(root!), i => sources.TryGetValue(Path.GetRelativePath(root!, i.Path), out var s) ? s : null);
    }

    private static void AssertEachSourceFamilyAndGroupInOneFold(IReadOnlyList<DatasetItem> items, Func<DatasetItem, string?> sourceOf, int[] fold)
    {
        foreach (var key in new Func<DatasetItem, string>[] { i => sourceOf(i)!, i => i.Group, i => i.IsFake ? GeneratorFamily.Of(i.Generator) : "" })
        {
            var spread = items.Select((item, n) => (Key: key(item), Fold: fold[n])).Where(x => x.Key is not ("" or "-"))
                .GroupBy(x => x.Key).Where(g => g.Select(x => x.Fold).Distinct().Count() > 1).Select(g => g.Key).ToList();
            Assert.Empty(spread);
        }
        Assert.Equal(5, fold.Distinct().Count());
    }
}
