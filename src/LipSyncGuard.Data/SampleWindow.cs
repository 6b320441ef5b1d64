namespace LipSyncGuard.Data;

/// <summary>One window of one face track: the unit the model trains on and is run on. The same type flows from
/// preprocessing into training and from analysis into the model, so both see the same world.</summary>
/// <remarks>All arrays are frame-major on the 25 fps clock: frame t of the window is video frame <see cref="StartFrame"/> + t;
/// its mel frames are 4t…4t+3.</remarks>
/// <param name="VideoPath">Source video.</param>
/// <param name="Group">Person / source footage (for leak-free splits).</param>
/// <param name="Label">0 real, 1 fake.</param>
/// <param name="Kind">real, lipsync, generated, swap, shift, retime, freeze, …</param>
/// <param name="TrackId">Face track id in the video.</param>
/// <param name="StartFrame">First video frame of the window.</param>
/// <param name="Frames">T, frames in the window (25 = 1 s by default).</param>
/// <param name="CropSize">Side of the square mouth crops.</param>
/// <param name="Crops">T × CropSize × CropSize × 3 RGB bytes.</param>
/// <param name="MelBins">Mel bins per mel frame (80).</param>
/// <param name="Mel">4T × MelBins log-mel values.</param>
/// <param name="LipWidth">Lip values per frame (6 LipKinematics distances).</param>
/// <param name="Lips">T × LipWidth lip kinematics.</param>
/// <param name="LipValid">T flags: landmarks trusted on that frame.</param>
/// <param name="Speech">T speech probabilities.</param>
/// <param name="Fallback">True when the crops are the centre-crop fallback (no face found).</param>
public sealed record SampleWindow(
    string VideoPath,
    string Group,
    int Label,
    string Kind,
    int TrackId,
    int StartFrame,
    int Frames,
    int CropSize,
    byte[] Crops,
    int MelBins,
    float[] Mel,
    int LipWidth,
    float[] Lips,
    bool[] LipValid,
    float[] Speech,
    bool Fallback)
{
    /// <summary>Mel frames per video frame (100 mel frames/s over 25 video frames/s).</summary>
    public const int MelPerFrame = 4;

    /// <summary>Throws when the arrays disagree with the declared sizes.</summary>
    public SampleWindow Validate()
    {
        Check(Crops.Length, Frames * CropSize * CropSize * 3, nameof(Crops));
        Check(Mel.Length, Frames * MelPerFrame * MelBins, nameof(Mel));
        Check(Lips.Length, Frames * LipWidth, nameof(Lips));
        Check(LipValid.Length, Frames, nameof(LipValid));
        Check(Speech.Length, Frames, nameof(Speech));
        if (Label is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(Label), Label, "must be 0 or 1");
        return this;
    }

    private static void Check(int actual, int expected, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name} has {actual} values, expected {expected}", name);
    }
}
