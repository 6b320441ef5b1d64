using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Training.Tests;

public sealed class CardPathsTests
{
    [Fact]
    public void Relative_FileBelowTheCardsFolder_RelativeToIt()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File(".git"));
        var card = Directory.CreateDirectory(dir.File("weights")).FullName;

        Assert.Equal("pretrain/best_model.safetensors", CardPaths.Relative(Path.Combine(card, "pretrain", "best_model.safetensors"), card));
    }

    [Fact]
    public void Relative_FileElsewhereInTheRepository_RelativeToTheRepositoryRoot()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File(".git"));
        var card = Directory.CreateDirectory(Path.Combine(dir.Path, "data", "default", "weights")).FullName;

        Assert.Equal("models/lipsyncguard-default.safetensors", CardPaths.Relative(Path.Combine(dir.Path, "models", "lipsyncguard-default.safetensors"), card));
    }

    [Fact]
    public void Relative_WorktreeWithAGitFile_RelativeToItsRoot()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
        var card = Directory.CreateDirectory(Path.Combine(dir.Path, "weights")).FullName;

        Assert.Equal("data/pretrain/best_model.safetensors", CardPaths.Relative(Path.Combine(dir.Path, "data", "pretrain", "best_model.safetensors"), card));
    }

    [Fact]
    public void Relative_NoRepositoryAbove_DotDotStepsFromTheCard()
    {
        using var dir = new TempDir();
        var card = Directory.CreateDirectory(Path.Combine(dir.Path, "runs", "a")).FullName;

        var relative = CardPaths.Relative(Path.Combine(dir.Path, "pretrain", "w.safetensors"), card);

        Assert.Equal("../../pretrain/w.safetensors", relative);
        Assert.Equal(Path.Combine(dir.Path, "pretrain", "w.safetensors"), Path.GetFullPath(Path.Combine(card, relative)));
    }

    [Fact]
    public void Pretrained_WeightsFile_RelativePathAndTheSha256OfItsBytes()
    {
        using var dir = new TempDir();
        var card = Directory.CreateDirectory(dir.File("weights")).FullName;
        var weights = Path.Combine(card, "from", "w.safetensors");
        Directory.CreateDirectory(Path.GetDirectoryName(weights)!);
        File.WriteAllText(weights, "abc");

        var pretrained = CardPaths.Pretrained(weights, card);

        Assert.Equal("from/w.safetensors", pretrained.Path);
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", pretrained.Sha256);
    }
}
