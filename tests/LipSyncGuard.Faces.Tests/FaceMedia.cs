namespace LipSyncGuard.Faces.Tests;

/// <summary>Shared media used by the face tests (paths relative to ../shared/media).</summary>
public static class FaceMedia
{
    public const string T1 = "faces/t1.jpg";
    public const string Multiface = "faces/multiface.jpg";
    public const string Retinaface = "faces/retinaface_test.jpg";
    public const string TwoPeople = "faces/two_people.jpg";
    public const string ObamaBiden = "faces/obama_and_biden.jpg";
    public const string TrumpHillary = "faces/trump_hillary.jpg";
    public const string Emma = "faces/emma.jpg";
    public const string Hamilton = "faces/short_hamilton_clip.mp4";
    public const string Crowd = "faces/crowd_video.mp4";
    public const string AvlipsReal0 = "avlips/0_real/0.mp4";
    public const string Grid = "real/grid_bbaf2n.mpg";
    public const string Debate = "train/iianet_debate_trump_clinton.mp4";

    /// <summary>Faces a person counts in multiface.jpg (six cast members, all clearly visible).</summary>
    public const int MultifaceVisible = 6;

    /// <summary>Faces a person counts in retinaface_test.jpg: every face with at least eyes and mouth visible in the
    /// stadium crowd, counted by hand on the full-size image (half-hidden faces behind raised arms included, backs of
    /// heads not).</summary>
    public const int RetinafaceVisible = 27;
}
