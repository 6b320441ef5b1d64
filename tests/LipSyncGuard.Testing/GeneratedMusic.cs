namespace LipSyncGuard.Testing;

/// <summary>Music that ffmpeg makes for tests: a piano-like I–vi–IV–V progression in C, a triad over its bass struck every
/// half second, each note three harmonics decaying like a string. No speech in it, and no pause.</summary>
public static class GeneratedMusic
{
    /// <summary>Semitones from middle C of the half-second chord's root: C, A, F, G in turn.</summary>
    private const string Root = "if(eq(mod(floor(t/0.5),4),0),0,if(eq(mod(floor(t/0.5),4),1),-3,if(eq(mod(floor(t/0.5),4),2),5,7)))";

    /// <summary>An ffmpeg lavfi input (<c>-f lavfi -i</c>) of <paramref name="seconds"/> of the progression at 16 kHz mono.</summary>
    public static string Source(double seconds) =>
        FormattableString.Invariant($"aevalsrc='0.15*({Note(0)}+{Note(4)}+{Note(7)}+{Note(-12)})*exp(-1.5*mod(t,0.5))':s=16000:d={seconds}");

    private static string Note(int semitones)
    {
        var hz = $"(261.63*pow(2,({Root}+{semitones})/12))";
        return $"(sin(2*PI*{hz}*t)+0.5*sin(4*PI*{hz}*t)+0.25*sin(6*PI*{hz}*t))";
    }
}
