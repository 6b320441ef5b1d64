using Microsoft.ML.OnnxRuntime;

namespace LipSyncGuard.Faces;

/// <summary>ONNX Runtime sessions as the image networks here run them: one model per session, sequential execution on
/// a given number of threads (the hosts parallelise over faces and videos, not inside one network), full graph
/// optimisation, and only errors logged (converted graphs log harmless "Removing initializer" warnings on load).</summary>
public static class OnnxSessions
{
    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="intraOpThreads"/> threads.</summary>
    public static InferenceSession Open(string modelPath, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        return new InferenceSession(modelPath, options);
    }
}
