namespace LipSyncGuard.Faces.Landmarks;

/// <summary>dlib's landmark model is not installed (an environment fault: <c>./setup.sh</c> installs Debian's
/// <c>libdlib-data</c>).</summary>
public sealed class LandmarkModelMissingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LandmarkModelMissingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LandmarkModelMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LandmarkModelMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
