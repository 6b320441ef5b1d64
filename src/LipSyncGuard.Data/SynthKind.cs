namespace LipSyncGuard.Data;

/// <summary>A synthetic lip-sync manipulation of a real video.</summary>
public enum SynthKind
{
    /// <summary>Audio replaced by another clip's audio.</summary>
    Swap,
    /// <summary>Audio offset by ±0.2–1.0 s.</summary>
    Shift,
    /// <summary>Lower face replaced by the same person's mouth from other moments, re-timed to another clip's audio energy.</summary>
    Retime,
    /// <summary>Mouth region held still while the speech continues.</summary>
    Freeze,
}
