namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Named indices of the iBUG 68-point scheme ("right"/"left" are the person's own sides): 0–16 jaw,
/// 17–26 brows, 27–35 nose, 36–41 right eye, 42–47 left eye, 48–59 outer lip, 60–67 inner lip.</summary>
public static class LandmarkIndex
{
    /// <summary>Chin tip (jaw point 8).</summary>
    public const int Chin = 8;

    /// <summary>Jaw line's top on the person's right, beside the ear (the first point of the jaw contour).</summary>
    public const int JawRight = 0;

    /// <summary>Jaw line's top on the person's left, beside the ear (the last point of the jaw contour).</summary>
    public const int JawLeft = 16;

    /// <summary>Top of the nose bridge.</summary>
    public const int NoseBridgeTop = 27;

    /// <summary>Nose tip.</summary>
    public const int NoseTip = 30;

    /// <summary>Bottom of the nose between the nostrils (subnasale).</summary>
    public const int NoseBottom = 33;

    /// <summary>Outer corner of the right eye.</summary>
    public const int RightEyeOuter = 36;

    /// <summary>Inner corner of the right eye.</summary>
    public const int RightEyeInner = 39;

    /// <summary>Inner corner of the left eye.</summary>
    public const int LeftEyeInner = 42;

    /// <summary>Outer corner of the left eye.</summary>
    public const int LeftEyeOuter = 45;

    /// <summary>Right mouth corner (outer lip).</summary>
    public const int MouthRight = 48;

    /// <summary>Top of the upper lip, middle (outer contour).</summary>
    public const int UpperLipTop = 51;

    /// <summary>Left mouth corner (outer lip).</summary>
    public const int MouthLeft = 54;

    /// <summary>Bottom of the lower lip, middle (outer contour).</summary>
    public const int LowerLipBottom = 57;

    /// <summary>Right inner mouth corner.</summary>
    public const int InnerMouthRight = 60;

    /// <summary>Middle of the upper lip's inner edge.</summary>
    public const int UpperLipInner = 62;

    /// <summary>Left inner mouth corner.</summary>
    public const int InnerMouthLeft = 64;

    /// <summary>Middle of the lower lip's inner edge.</summary>
    public const int LowerLipInner = 66;
}
