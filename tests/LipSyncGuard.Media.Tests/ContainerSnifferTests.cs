using Xunit;
namespace LipSyncGuard.Media.Tests;

public sealed class ContainerSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p' }, true)]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0, 0, 0, 0 }, true)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0 }, true)]
    [InlineData(new byte[] { 0, 0, 1, 0xBA, 0x44 }, true)]
    [InlineData(new byte[] { (byte)'#', (byte)'E', (byte)'X', (byte)'T', (byte)'M', (byte)'3', (byte)'U' }, false)]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, false)]
    [InlineData(new byte[] { 1, 2 }, false)]
    public void LooksLikeMedia_Signature_Recognised(byte[] head, bool expected) =>
        Assert.Equal(expected, ContainerSniffer.LooksLikeMedia(head));
}
