namespace LipSyncGuard.Faces;

/// <summary>The six BlazeFace keypoints, in model output order. "Right" and "left" are the person's own sides, so the
/// right eye appears on the left of an unmirrored frontal picture.</summary>
public enum FaceKeypoint
{
    /// <summary>Centre of the person's right eye.</summary>
    RightEye = 0,
    /// <summary>Centre of the person's left eye.</summary>
    LeftEye = 1,
    /// <summary>Nose tip.</summary>
    NoseTip = 2,
    /// <summary>Mouth centre.</summary>
    Mouth = 3,
    /// <summary>Right ear tragion.</summary>
    RightEar = 4,
    /// <summary>Left ear tragion.</summary>
    LeftEar = 5,
}
