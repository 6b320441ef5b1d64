namespace LipSyncGuard.Data;

/// <summary>A fake of some kind cannot be made from a source (e.g. retime or freeze without a face track).</summary>
public sealed class SynthesisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SynthesisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public SynthesisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public SynthesisException()
    {
    }
}
