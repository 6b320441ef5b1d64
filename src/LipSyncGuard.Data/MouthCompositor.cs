using System.Numerics;

namespace LipSyncGuard.Data;

/// <summary>Cuts square mouth patches from frames and pastes them back centred on another frame's mouth through a
/// feathered ellipse over the lower face, so the seam fades out instead of showing an edge.</summary>
internal sealed class MouthCompositor
{
    private readonly float[] _alpha;

    public MouthCompositor(int side)
    {
        Side = Math.Max(8, side);
        _alpha = new float[Side * Side];
        var c = (Side - 1) / 2f;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                // Ellipse a little wider than tall (lips, chin, cheeks), full inside 60% of the radius, fading to 0 at 100%.
                var dx = (x - c) / (0.5f * Side);
                var dy = (y - c) / (0.42f * Side);
                var r = MathF.Sqrt((dx * dx) + (dy * dy));
                var t = Math.Clamp((1 - r) / 0.4f, 0, 1);
                _alpha[(y * Side) + x] = t * t * (3 - (2 * t));
            }
        }
    }

    public int Side { get; }

    public byte[] Cut(ReadOnlySpan<byte> frame, int width, int height, Vector2 center)
    {
        var patch = new byte[Side * Side * 3];
        int x0 = (int)MathF.Round(center.X - (Side / 2f)), y0 = (int)MathF.Round(center.Y - (Side / 2f));
        for (var y = 0; y < Side; y++)
        {
            var sy = Math.Clamp(y0 + y, 0, height - 1);
            for (var x = 0; x < Side; x++)
            {
                var sx = Math.Clamp(x0 + x, 0, width - 1);
                frame.Slice(((sy * width) + sx) * 3, 3).CopyTo(patch.AsSpan(((y * Side) + x) * 3));
            }
        }
        return patch;
    }

    public void Paste(Span<byte> frame, int width, int height, Vector2 center, ReadOnlySpan<byte> patch)
    {
        int x0 = (int)MathF.Round(center.X - (Side / 2f)), y0 = (int)MathF.Round(center.Y - (Side / 2f));
        for (var y = 0; y < Side; y++)
        {
            var fy = y0 + y;
            if (fy < 0 || fy >= height) continue;
            for (var x = 0; x < Side; x++)
            {
                var fx = x0 + x;
                if (fx < 0 || fx >= width) continue;
                var a = _alpha[(y * Side) + x];
                if (a <= 0) continue;
                var o = ((fy * width) + fx) * 3;
                var p = ((y * Side) + x) * 3;
                for (var ch = 0; ch < 3; ch++) frame[o + ch] = (byte)((frame[o + ch] * (1 - a)) + (patch[p + ch] * a) + 0.5f);
            }
        }
    }
}
