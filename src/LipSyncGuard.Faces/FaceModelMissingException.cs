namespace LipSyncGuard.Faces;

/// <summary>A BlazeFace model file is not installed (an environment fault: <c>./setup.sh</c> fetches the models).</summary>
public sealed class FaceModelMissingException(string message) : Exception(message);
