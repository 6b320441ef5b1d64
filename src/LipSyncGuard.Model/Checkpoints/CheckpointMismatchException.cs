namespace LipSyncGuard.Model.Checkpoints;

/// <summary>A checkpoint does not fit the network: another architecture, another size, or missing tensors where all were required.</summary>
public sealed class CheckpointMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointMismatchException() : this("the checkpoint does not fit the network")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointMismatchException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CheckpointMismatchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
