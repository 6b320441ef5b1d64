namespace LipSyncGuard.Analysis;

/// <summary>Who speaks when, in the spirit of syncnet_python's active-speaker demo: with several faces in a video, a face
/// is judged only in windows with speech where its lips move, follow this audio at least somewhat
/// (<see cref="ReliabilityOptions.MinSpeakerSync"/>) and no worse than any other moving face's. A listener, a laughing
/// audience face or a cut-away is then not scored against someone else's voice. The price: in a video with several faces,
/// a mouth whose lips never follow the speech is not judged either (off-screen speaker and replaced audio look alike
/// there); the result says so. A video with a single face track is judged throughout (a frozen or dubbed mouth must not
/// escape by not moving); tracks shorter than one window (a passing face, a false detection) do not make it a
/// several-face video.</summary>
internal sealed class ActiveSpeakers(IReadOnlyList<FaceWindows> faces, ReliabilityOptions rules, int windowFrames)
{
    private readonly bool _severalFaces = faces.Count(f => f.Sync.FrameCount >= windowFrames) > 1;

    /// <summary>Windows with less speech than this share say nothing about who speaks.</summary>
    private const double MinSpeech = 0.3;

    /// <summary>Null when <paramref name="face"/> counts as speaking in its window <paramref name="index"/>, else why not.</summary>
    public Reason? NotSpeaking(FaceWindows face, int index)
    {
        if (!_severalFaces) return null;
        if (face.Speech[index] < MinSpeech) return new Reason(ReasonCodes.LowSpeech, "there is too little speech here to tell who speaks");
        if (face.Motion[index] is not { } motion || !face.Windows[index].Result.IsJudged)
            return new Reason(ReasonCodes.NotSpeaking, $"face {face.TrackId}'s mouth is not trusted here, so whether it speaks cannot be told");
        if (motion < rules.MinLipMotion)
            return new Reason(ReasonCodes.NotSpeaking, $"face {face.TrackId}'s lips barely move here while speech is heard: a listener, or the speaker is elsewhere");
        var own = face.Windows[index].Result;
        if (own.Score < rules.MinSpeakerSync)
            return new Reason(ReasonCodes.NotSpeaking, $"face {face.TrackId}'s lips move but do not follow this speech (sync {own.Score:0.00}): someone off screen speaks, or the audio was replaced");
        var from = face.StartFrame + face.Windows[index].StartFrame;
        var to = face.StartFrame + face.Windows[index].EndFrame;
        foreach (var other in faces)
        {
            if (other.TrackId == face.TrackId || other.Overlapping(from, to) is not { } j) continue;
            if (other.Motion[j] is not { } otherMotion || otherMotion < rules.MinLipMotion || !other.Windows[j].Result.IsJudged) continue;
            var theirs = other.Windows[j].Result.Score;
            var mine = own.Score;
            if (theirs - mine > rules.SpeakerMargin)
                return new Reason(ReasonCodes.NotSpeaking, $"face {other.TrackId}'s lips follow the speech here better than face {face.TrackId}'s (sync {theirs:0.00} against {mine:0.00})");
        }
        return null;
    }
}
