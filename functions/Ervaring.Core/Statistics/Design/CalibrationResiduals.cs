using MathNet.Numerics.LinearAlgebra;

namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// The step R's svyrecvar takes for a calibrated design, x ← qr.resid(qr(M·√d), x/(g√d))·g√d:
/// the influence values are replaced by g·d·(e − M B), the residuals of the least-squares
/// regression of e on the calibration model M with the initial (post-stratified) weights d,
/// B = (M'DM)⁺ M'De. With indicator columns and d constant within a cell, M'DM and M'De are sums
/// over cells, so B (and the fitted value a_c = m_c'B of every respondent in cell c) comes from the
/// cells' counts and sums alone. The Moore–Penrose inverse handles the collinear columns: the
/// residual is the projection on the orthogonal complement of the model's span, which is unique.
/// </summary>
internal sealed class CalibrationResiduals
{
    private readonly IReadOnlyList<int[]> columnsOf;
    private readonly IReadOnlyList<double> initialWeights;
    private readonly Matrix<double> gramInverse;

    /// <param name="columnsOf">The model columns (indicators equal to 1) of each cell.</param>
    /// <param name="columns">Number of model columns.</param>
    /// <param name="initialWeights">d_c, the post-stratified weight of the respondents in each cell.</param>
    /// <param name="respondents">n_c for each cell.</param>
    public CalibrationResiduals(IReadOnlyList<int[]> columnsOf, int columns, IReadOnlyList<double> initialWeights, IReadOnlyList<long> respondents)
    {
        this.columnsOf = columnsOf;
        this.initialWeights = initialWeights;
        // M'DM = Σ_c d_c n_c m_c m_c'.
        var gram = Matrix<double>.Build.Dense(columns, columns);
        for (var c = 0; c < columnsOf.Count; c++)
            foreach (var j in columnsOf[c])
                foreach (var k in columnsOf[c])
                    gram[j, k] += initialWeights[c] * respondents[c];
        gramInverse = gram.PseudoInverse();
    }

    /// <summary>Fitted value a_c = m_c'B of each cell, given t_c = Σ_{i∈c} e_i for each cell.</summary>
    public double[] Fitted(IReadOnlyList<double> cellSums)
    {
        // M'De: respondents in cell c all have weight d_c, so Σ_i d_i m_i e_i = Σ_c d_c m_c t_c.
        var cross = Vector<double>.Build.Dense(gramInverse.RowCount);
        for (var c = 0; c < columnsOf.Count; c++)
            foreach (var j in columnsOf[c])
                cross[j] += initialWeights[c] * cellSums[c];
        var b = gramInverse * cross;
        var fitted = new double[columnsOf.Count];
        for (var c = 0; c < columnsOf.Count; c++)
            foreach (var j in columnsOf[c])
                fitted[c] += b[j];
        return fitted;
    }
}
