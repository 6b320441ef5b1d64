using System.Numerics;
using Microsoft.ML.OnnxRuntime;

namespace LipSyncGuard.Faces;

/// <summary>Owns one BlazeFace ONNX session and its input/output buffers. Runs one square input and decodes the 896
/// anchors into frame-pixel candidates. Not thread-safe: the buffers are reused across calls.</summary>
internal sealed class BlazeFaceNetwork : IDisposable
{
    private const int Values = 16;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input;
    private readonly float[] _scores1 = new float[SsdAnchors.Layer1];
    private readonly float[] _scores2 = new float[SsdAnchors.Layer2];
    private readonly float[] _boxes1 = new float[SsdAnchors.Layer1 * Values];
    private readonly float[] _boxes2 = new float[SsdAnchors.Layer2 * Values];
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames = ["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"];

    public BlazeFaceNetwork(string modelPath, int size, int intraOpThreads)
    {
        Size = size;
        _session = OnnxSessions.Open(modelPath, intraOpThreads);
        var input = _session.InputMetadata.Single();
        var dims = input.Value.Dimensions;
        if (dims.Length != 4 || dims[1] != size || dims[2] != size || dims[3] != 3)
        {
            _session.Dispose();
            throw new InvalidOperationException($"'{Path.GetFileName(modelPath)}' takes [{string.Join(",", dims)}], expected [1,{size},{size},3]");
        }
        _inputNames = [input.Key];
        _input = new float[size * size * 3];
        _inputValues = [OrtValue.CreateTensorValueFromMemory(_input, [1, size, size, 3])];
        _outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_scores1, [1, SsdAnchors.Layer1, 1]),
            OrtValue.CreateTensorValueFromMemory(_scores2, [1, SsdAnchors.Layer2, 1]),
            OrtValue.CreateTensorValueFromMemory(_boxes1, [1, SsdAnchors.Layer1, Values]),
            OrtValue.CreateTensorValueFromMemory(_boxes2, [1, SsdAnchors.Layer2, Values]),
        ];
    }

    /// <summary>Input side in pixels (128 or 256).</summary>
    public int Size { get; }

    /// <summary>Resamples <paramref name="image"/> through <paramref name="map"/> (destination = model input), runs
    /// the network and appends every anchor scoring at least <paramref name="minScore"/>, mapped back to frame pixels.</summary>
    public void Detect(ImageView image, Affine2D map, float minScore, DetectionStage stage, bool mirrored, List<Candidate> output)
    {
        // 2×2 samples per input pixel once the frame is shrunk 3× or more: enough against aliasing of small faces,
        // and a quarter of the cost of matching the full shrink factor.
        var supersample = map.Scale >= 3f ? 2 : 1;
        ImageSampler.ToTensor(image, map, Size, _input, supersample);
        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
        // score = sigmoid(logit) ≥ minScore  ⇔  logit ≥ log(minScore / (1 - minScore)): one comparison per anchor.
        var minLogit = MathF.Log(minScore / (1 - minScore));
        Decode(_scores1, _boxes1, 0, minLogit, map, stage, mirrored, output);
        Decode(_scores2, _boxes2, SsdAnchors.Layer1, minLogit, map, stage, mirrored, output);
    }

    private void Decode(float[] logits, float[] boxes, int anchorOffset, float minLogit, Affine2D map, DetectionStage stage, bool mirrored, List<Candidate> output)
    {
        var anchors = SsdAnchors.Centers;
        var scale = map.Scale;
        for (var i = 0; i < logits.Length; i++)
        {
            var logit = logits[i];
            if (!(logit >= minLogit)) continue;
            var score = 1f / (1f + MathF.Exp(-Math.Clamp(logit, -100f, 100f)));
            var ax = anchors[(anchorOffset + i) * 2] * Size;
            var ay = anchors[((anchorOffset + i) * 2) + 1] * Size;
            var r = boxes.AsSpan(i * Values, Values);
            var center = map.Apply(new Vector2(ax + r[0], ay + r[1]));
            var box = FaceBox.FromCenter(center.X, center.Y, r[2] * scale, r[3] * scale);
            if (!(box.Width > 0 && box.Height > 0)) continue;
            var points = new Vector2[FaceKeypoints.Count];
            for (var k = 0; k < FaceKeypoints.Count; k++) points[k] = map.Apply(new Vector2(ax + r[4 + (2 * k)], ay + r[5 + (2 * k)]));
            if (mirrored)
            {
                // The network saw a mirror image: its "right eye" is the person's left one.
                (points[0], points[1]) = (points[1], points[0]);
                (points[4], points[5]) = (points[5], points[4]);
            }
            output.Add(new Candidate(score, box, points, stage));
        }
    }

    public void Dispose()
    {
        foreach (var v in _inputValues) v.Dispose();
        foreach (var v in _outputValues) v.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
