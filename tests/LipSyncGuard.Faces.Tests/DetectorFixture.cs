namespace LipSyncGuard.Faces.Tests;

/// <summary>ONNX sessions are expensive: one detector per configuration, shared by every test in a class.</summary>
public sealed class DetectorFixture : IDisposable
{
    /// <summary>Auto model, room for a crowd.</summary>
    public FaceDetector Many { get; } = new(new FaceDetectorOptions { MaxFaces = 60 });

    /// <summary>The defaults the CLI uses.</summary>
    public FaceDetector Default { get; } = new();

    public void Dispose()
    {
        Many.Dispose();
        Default.Dispose();
    }
}
