using Xunit;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LipSyncGuard.Faces.Tests;

public sealed class OnnxSessionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lsg-onnx-").FullName;
    private readonly string _model;

    public OnnxSessionsTests()
    {
        // A private copy of the front BlazeFace model, so the tests own its optimised copies.
        _model = Path.Combine(_dir, "front.onnx");
        File.Copy(BlazeFaceModelFiles.Locate(BlazeFaceModelFiles.Front, null), _model);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_SecondTime_ReadsTheSavedCopyWithTheSameOutputs()
    {
        var input = RandomImage(1);
        float[] first;
        using (var session = OnnxSessions.Open(_model, 1)) first = Run(session, input);
        var copy = OnnxSessions.OptimizedCopyPath(_model);
        Assert.True(File.Exists(copy));
        var written = File.GetLastWriteTimeUtc(copy);
        using (var session = OnnxSessions.Open(_model, 1)) Assert.Equal(first, Run(session, input));
        Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(copy)!));
    }

    [Fact]
    public void Open_DamagedCopy_OptimisesAgainAndReplacesIt()
    {
        var input = RandomImage(2);
        float[] expected;
        using (var session = OnnxSessions.Open(_model, 1)) expected = Run(session, input);
        var copy = OnnxSessions.OptimizedCopyPath(_model);
        File.WriteAllBytes(copy, [1, 2, 3, 4]);
        using (var session = OnnxSessions.Open(_model, 1)) Assert.Equal(expected, Run(session, input));
        Assert.True(new FileInfo(copy).Length > 1000);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(copy)!));
    }

    [Fact]
    public void OptimizedCopyPath_ModelRewritten_NamesAnotherCopy()
    {
        var before = OnnxSessions.OptimizedCopyPath(_model);
        File.SetLastWriteTimeUtc(_model, File.GetLastWriteTimeUtc(_model).AddMinutes(-5));
        Assert.NotEqual(before, OnnxSessions.OptimizedCopyPath(_model));
        Assert.Equal(Path.Combine(_dir, OnnxSessions.OptimizedFolder), Path.GetDirectoryName(before));
    }

    [Fact]
    public void Open_MissingModel_Throws() =>
        Assert.ThrowsAny<OnnxRuntimeException>(() => OnnxSessions.Open(Path.Combine(_dir, "absent.onnx"), 1));

    private static DenseTensor<float> RandomImage(int seed)
    {
        var random = new Random(seed);
        var tensor = new DenseTensor<float>([1, 128, 128, 3]);
        for (var i = 0; i < tensor.Length; i++) tensor.SetValue(i, (float)((random.NextDouble() * 2) - 1));
        return tensor;
    }

    private static float[] Run(InferenceSession session, DenseTensor<float> input)
    {
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), input)]);
        return [.. results.SelectMany(r => r.AsEnumerable<float>())];
    }
}
