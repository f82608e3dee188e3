import { shared } from './shared';

// When the data was last loaded and up to which day it runs, for the "data as of" line every view
// shows. One row.
cube('data_freshness', {
	sql: `
    SELECT
        (SELECT max(at) FROM ops_batches WHERE state = 'committed') AS last_loaded_at,
        (SELECT uniqExact(batch_id) FROM ops_batches WHERE state = 'committed') AS committed_batches,
        (SELECT max(as_of) FROM agg_as_of) AS data_as_of,
        (SELECT max(built_at) FROM ops_rollups) AS rollups_built_at,
        (SELECT max(visible_at) FROM ops_batch_visibility) AS last_visible_at,
        -- the latest forecast run (docs/forecasting.md): written after the rollups, read by quick_win
        (SELECT max(computed_at) FROM forecast_runs) AS forecast_computed_at,
        -- the matching engine's latest run (runs in the background after a load): /matching reads it
        (SELECT max(run_at) FROM match_runs) AS matching_run_at,
        -- the training plans stored (each after its matching run, minutes later at national scale):
        -- /matching's plan section changes with it
        (SELECT count() FROM match_plan_runs) AS matching_plans
`,
	title: 'Data freshness',
	description: 'When the warehouse was last loaded and the latest event date in the data',
	refresh_key: {
		sql: 'SELECT (SELECT count() FROM ops_batches) + (SELECT count() FROM ops_rollups) + (SELECT count() FROM ops_batch_visibility) + toUInt32((SELECT max(computed_at) FROM forecast_runs)) + toUInt32((SELECT max(run_at) FROM match_runs)) + (SELECT count() FROM match_plan_runs)',
		every: '1 second',
	},

	measures: {
		committed_batches: {
			sql: `${CUBE}.committed_batches`,
			type: 'max',
			title: 'Loaded batches',
			description: 'Batches (files or HTTP pushes) loaded so far',
			meta: { title_id: 'Batch dimuat', description_id: 'Batch (berkas atau kiriman HTTP) yang sudah dimuat' },
			format: 'number',
		},
		matching_plans: {
			sql: `${CUBE}.matching_plans`,
			type: 'max',
			title: 'Training plans stored',
			description:
				"Training plans the matching engine's runs have stored (each after its run; the latest run's plan is shown on /matching)",
			meta: {
				title_id: 'Rencana pelatihan tersimpan',
				description_id:
					'Rencana pelatihan yang disimpan run mesin padupadan (masing-masing sesudah run-nya; rencana run terbaru tampil di /matching)',
			},
			format: 'number',
		},
	},

	dimensions: {
		// The access rules of this cube (cube/src/access.ts, docs/access.md), in the meta of a hidden
		// member because Cube 0.33 has no cube-level meta.
		// people: false = rows do not count people (when the data was loaded)
		access: shared.access({ detail: 'reference', people: false }),
		last_loaded_at: {
			sql: `${CUBE}.last_loaded_at`,
			type: 'time',
			title: 'Last loaded at',
			description: 'Time (UTC) the latest batch was committed by the loader',
			meta: { title_id: 'Terakhir dimuat', description_id: 'Waktu (UTC) batch terakhir selesai dimuat' },
		},
		data_as_of: {
			sql: `toDateTime(${CUBE}.data_as_of)`,
			type: 'time',
			title: 'Data as of',
			description: 'Latest event date in the data (issue, application, departure or registration)',
			meta: {
				title_id: 'Data per tanggal',
				description_id: 'Tanggal kejadian terbaru dalam data (terbit, lamaran, keberangkatan atau pendaftaran)',
			},
		},
		// Written once the rollups and pre-aggregations that read a batch are rebuilt (after-load.ts):
		// from then on every dashboard answers with it, so open pages are told then (web's data-events.ts).
		last_visible_at: {
			sql: `${CUBE}.last_visible_at`,
			type: 'time',
			title: 'Last batch visible at',
			description: 'Time (UTC) the latest batch became visible on the dashboards (rollups and pre-aggregations rebuilt with it)',
			meta: {
				title_id: 'Batch terakhir tampil',
				description_id: 'Waktu (UTC) batch terakhir mulai tampil di dasbor (agregat dan pra-agregasi sudah dibangun ulang)',
			},
		},
		rollups_built_at: {
			sql: `${CUBE}.rollups_built_at`,
			type: 'time',
			title: 'Rollups built at',
			description: 'Time (UTC) the agg_* rollups were last rebuilt',
			meta: { title_id: 'Agregat dibangun', description_id: 'Waktu (UTC) tabel agregat terakhir dibangun ulang' },
		},
		matching_run_at: {
			sql: `${CUBE}.matching_run_at`,
			type: 'time',
			title: 'Matching run at',
			description: "Time (UTC) the matching engine's latest run finished (it runs in the background after a load)",
			meta: {
				title_id: 'Padupadan dijalankan',
				description_id: 'Waktu (UTC) run terakhir mesin padupadan selesai (berjalan di latar belakang sesudah pemuatan)',
			},
		},
		forecast_computed_at: {
			sql: `${CUBE}.forecast_computed_at`,
			type: 'time',
			title: 'Forecasts computed at',
			description: 'Time (UTC) the latest forecast run was written (after the rollups; the Quick Win projection reads it)',
			meta: {
				title_id: 'Prakiraan dihitung',
				description_id: 'Waktu (UTC) proses prakiraan terbaru ditulis (sesudah agregat; proyeksi Quick Win membacanya)',
			},
		},
	},
});
