using LipSyncGuard.Faces;
using Microsoft.ML.OnnxRuntime;

namespace LipSyncGuard.Detection.Cues;

/// <summary>Frozen ImageNet ResNet18 features of mouth crops: an encoder that was never shown a fake, so what it sees
/// does not depend on which generators were in the training set (<see cref="MouthAppearance"/> turns them into cues).
/// The model is the one pretrained image encoder obtainable here: NuGet <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>
/// (MIT), fetched by <c>scripts/setup.d/25-resnet18.sh</c> into <c>models/resnet18</c>. Its preprocessing graph turns
/// 0–255 RGB into BGR minus the ImageNet mean image; the network maps 1×3×224×224 to 512 pooled features (~44 ms on one
/// thread). Not thread-safe: the buffers are reused across calls.</summary>
public sealed class MouthEmbedder : IDisposable
{
    /// <summary>Feature length.</summary>
    public const int Dimensions = 512;

    /// <summary>Network input side.</summary>
    public const int InputSize = 224;

    private readonly InferenceSession _prepare;
    private readonly InferenceSession _network;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _pixels = new float[3 * InputSize * InputSize];
    private readonly float[] _prepared = new float[3 * InputSize * InputSize];
    private readonly float[] _features = new float[Dimensions];
    private readonly OrtValue _pixelsValue;
    private readonly OrtValue _preparedValue;
    private readonly OrtValue _featuresValue;
    private readonly string[] _prepareIn;
    private readonly string[] _prepareOut;
    private readonly string[] _networkIn;
    private readonly string[] _networkOut;

    /// <summary>The default model folder, below the project root.</summary>
    public static string DefaultDirectory => Path.Combine("models", "resnet18");

    /// <summary>Loads <c>ResNetPreprocess.onnx</c> and <c>ResNet18.onnx</c> from <paramref name="directory"/>.</summary>
    public MouthEmbedder(string directory, int intraOpThreads = 1)
    {
        var (prepare, network) = RequireFiles(directory);
        _prepare = OnnxSessions.Open(prepare, intraOpThreads);
        _network = OnnxSessions.Open(network, intraOpThreads);
        _prepareIn = [_prepare.InputMetadata.Keys.Single()];
        _prepareOut = [_prepare.OutputMetadata.Keys.Single()];
        _networkIn = [_network.InputMetadata.Keys.Single()];
        _networkOut = [_network.OutputMetadata.Keys.Single()];
        long[] image = [1, 3, InputSize, InputSize];
        _pixelsValue = OrtValue.CreateTensorValueFromMemory(_pixels, image);
        _preparedValue = OrtValue.CreateTensorValueFromMemory(_prepared, image);
        _featuresValue = OrtValue.CreateTensorValueFromMemory(_features, [1, Dimensions, 1, 1]);
    }

    /// <summary>The preprocessing and network files in <paramref name="directory"/>; throws naming <c>./setup.sh</c> when
    /// one is missing (a cheap check for hosts that load the encoder on first use).</summary>
    public static (string Prepare, string Network) RequireFiles(string directory)
    {
        var prepare = Path.Combine(directory, "ResNetPreprocess.onnx");
        var network = Path.Combine(directory, "ResNet18.onnx");
        foreach (var file in new[] { prepare, network })
            if (!File.Exists(file)) throw new FileNotFoundException($"ResNet18 model file '{file}' not found (run ./setup.sh, which fetches it from NuGet)", file);
        return (prepare, network);
    }

    /// <summary>The 512 features of one RGB24 crop (<paramref name="size"/>² × 3 bytes), written to
    /// <paramref name="output"/>. The crop is scaled to 224 px bilinearly.</summary>
    public void Embed(ReadOnlySpan<byte> rgb, int size, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        if (rgb.Length < size * size * 3) throw new ArgumentException($"a {size} px crop needs {size * size * 3} bytes", nameof(rgb));
        if (output.Length < Dimensions) throw new ArgumentException($"the output needs {Dimensions} values", nameof(output));
        Resize(rgb, size, _pixels);
        _prepare.Run(_runOptions, _prepareIn, [_pixelsValue], _prepareOut, [_preparedValue]);
        _network.Run(_runOptions, _networkIn, [_preparedValue], _networkOut, [_featuresValue]);
        _features.CopyTo(output);
    }

    /// <summary>Bilinear resize of an RGB24 square into planar RGB floats (0–255) of <see cref="InputSize"/>².</summary>
    private static void Resize(ReadOnlySpan<byte> rgb, int size, float[] planes)
    {
        const int plane = InputSize * InputSize;
        var scale = size / (float)InputSize;
        for (var y = 0; y < InputSize; y++)
        {
            var sy = Math.Clamp(((y + 0.5f) * scale) - 0.5f, 0, size - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, size - 1);
            var fy = sy - y0;
            for (var x = 0; x < InputSize; x++)
            {
                var sx = Math.Clamp(((x + 0.5f) * scale) - 0.5f, 0, size - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, size - 1);
                var fx = sx - x0;
                for (var c = 0; c < 3; c++)
                {
                    float a = rgb[(((y0 * size) + x0) * 3) + c], b = rgb[(((y0 * size) + x1) * 3) + c];
                    float d = rgb[(((y1 * size) + x0) * 3) + c], e = rgb[(((y1 * size) + x1) * 3) + c];
                    planes[(c * plane) + (y * InputSize) + x] = ((a + ((b - a) * fx)) * (1 - fy)) + ((d + ((e - d) * fx)) * fy);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _pixelsValue.Dispose();
        _preparedValue.Dispose();
        _featuresValue.Dispose();
        _runOptions.Dispose();
        _network.Dispose();
        _prepare.Dispose();
    }
}
