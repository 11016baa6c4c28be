# Writes a small CRM snapshot for the Python embedding example's test:
# cmake -DSEG=<seg binary> -DSOURCE_DIR=<repo> -DOUT=<folder> -P MakeData.cmake
execute_process(COMMAND ${SEG} gen --contacts 2000 --seed 7 --out ${OUT}/csv
                COMMAND_ERROR_IS_FATAL ANY OUTPUT_QUIET)
execute_process(COMMAND ${SEG} import --schema ${SOURCE_DIR}/examples/crm/crm.schema.seg
                        --data ${OUT}/csv -o ${OUT}/crm.segdb
                COMMAND_ERROR_IS_FATAL ANY OUTPUT_QUIET)
